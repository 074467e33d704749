using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Notifications.Features;

/// <summary>What a module does when a message about one of its records is acknowledged, by the message's subject type.</summary>
public static class AcknowledgementHooks
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<BeaconDbContext, Domain.Notification, CancellationToken, Task>> Hooks =
        new(StringComparer.Ordinal);

    public static void Register(string subjectType, Func<BeaconDbContext, Domain.Notification, CancellationToken, Task> hook) => Hooks[subjectType] = hook;

    internal static Func<BeaconDbContext, Domain.Notification, CancellationToken, Task>? For(string subjectType) =>
        Hooks.TryGetValue(subjectType, out var hook) ? hook : null;
}

public static class AcknowledgeNotification
{
    public static async Task<NotificationResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        // The dispatcher may be leasing or marking the same message at this moment (its lease is a concurrency
        // token): the person's confirmation must not fail for that, so it is read again and applied again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Once(id, db, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<NotificationResponse> Once(Guid id, BeaconDbContext db, CancellationToken ct)
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
            // The module the message speaks for learns of it in the same transaction (a warning's delivery is acknowledged too).
            if (n.SubjectType is { } type && AcknowledgementHooks.For(type) is { } hook)
            {
                await hook(db, n, ct);
            }
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
