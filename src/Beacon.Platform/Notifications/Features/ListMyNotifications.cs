using Beacon.Platform.Data;
using Beacon.Platform.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Notifications.Features;

public static class ListMyNotifications
{
    public static async Task<List<NotificationResponse>> Handle(BeaconDbContext db, bool unacknowledgedOnly, CancellationToken ct)
    {
        var me = db.Actor.RequireUserId();
        var q = db.Notifications.AsNoTracking()
            .Where(n => n.RecipientUserId == me && n.Channel == NotificationChannel.InApp && n.State == DeliveryState.Sent);
        if (unacknowledgedOnly)
        {
            q = q.Where(n => n.AcknowledgedAt == null);
        }
        var list = await q.OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync(ct);
        return list.Select(NotificationResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<Ok<List<NotificationResponse>>> (bool? unacknowledged, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, unacknowledged ?? false, ct)))
            .WithName("ListMyNotifications")
            .WithSummary("The caller's in-app messages, newest first (?unacknowledged=true for open ones).");
    }
}
