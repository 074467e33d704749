using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Notifications.Features;

/// <summary>Messages that failed every attempt, for the system administrator to inspect and send again.</summary>
public static class ListDeadLetters
{
    public static async Task<List<NotificationResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.NotificationsManage);
        var list = await db.Notifications.AsNoTracking().Where(n => n.State == DeliveryState.DeadLetter)
            .OrderByDescending(n => n.CreatedAt).Take(500).ToListAsync(ct);
        return list.Select(NotificationResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/dead-letters", async Task<Ok<List<NotificationResponse>>> (BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListDeadLetters")
            .WithSummary("Messages in the caller's subtree that failed every attempt (system administrator).");
    }
}
