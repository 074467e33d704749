using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Notifications.Features;

public static class AcknowledgeNotification
{
    public static async Task<NotificationResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var me = db.Actor.RequireUserId();
        // Someone else's message is "not found", like anything outside one's reach.
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.RecipientUserId == me, ct)
            ?? throw new NotFoundException("Entity.Notification", id);
        var first = n.AcknowledgedAt is null;
        n.Acknowledge(me, db.Time.GetUtcNow());
        if (first)
        {
            db.AuditEvent("notification.acknowledged", "notification", n.Id.ToString(), new { n.Topic, n.SubjectType, n.SubjectId });
        }
        await db.SaveChangesAsync(ct);
        return NotificationResponse.From(n);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/ack", async Task<Ok<NotificationResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("AcknowledgeNotification")
            .WithSummary("The recipient confirms a message; the first confirmation time is kept and audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
