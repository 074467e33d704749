using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Notifications.Features;

public static class RequeueNotification
{
    public static async Task<NotificationResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.NotificationsManage);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Notification", id);
        n.Requeue(db.Time.GetUtcNow());
        db.AuditEvent("notification.requeued", "notification", n.Id.ToString(), new { n.Topic, Channel = n.Channel.ToString(), n.LastError });
        await db.SaveChangesAsync(ct);
        return NotificationResponse.From(n);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/retry", async Task<Ok<NotificationResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("RequeueNotification")
            .WithSummary("Sends a dead letter again with a fresh set of attempts (system administrator).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
