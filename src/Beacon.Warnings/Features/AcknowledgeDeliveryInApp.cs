using Beacon.Platform.Data;
using Beacon.Platform.Notifications.Domain;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>Acknowledging the in-app message of a warning acknowledges the warning (a hook of the inbox's acknowledgement).</summary>
public static class AcknowledgeDeliveryInApp
{
    /// <summary>The recipient acknowledged the in-app message of a delivery: the delivery is acknowledged with it.</summary>
    public static async Task Handle(BeaconDbContext db, Notification message, CancellationToken ct)
    {
        if (Guid.TryParse(message.SubjectId, out var id) && message.RecipientUserId is { } me
            && await db.Set<WarningDelivery>().FirstOrDefaultAsync(d => d.Id == id && d.UserId == me, ct) is { } delivery)
        {
            delivery.Acknowledge(me, "in-app", db.Time.GetUtcNow());
        }
    }
}
