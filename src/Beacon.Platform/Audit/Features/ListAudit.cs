using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Audit.Features;

public static class ListAudit
{
    public sealed record EntryResponse(long Sequence, DateTimeOffset OccurredAt, string Actor, Guid? ActorUnitId, string Action,
        string EntityType, string? EntityId, string Summary, string Hash);

    public sealed record Page(IReadOnlyList<EntryResponse> Items, int Total, int Skip, int Take);

    public static async Task<Page> Handle(BeaconDbContext db, int skip, int take, string? action, string? actor, CancellationToken ct)
    {
        db.Actor.Require(Permissions.AuditRead);
        take = Math.Clamp(take <= 0 ? 50 : take, 1, 500);
        skip = Math.Max(0, skip);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            q = q.Where(a => a.Action.StartsWith(action.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(actor))
        {
            q = q.Where(a => a.Actor == actor.Trim());
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Sequence).Skip(skip).Take(take)
            .Select(a => new EntryResponse(a.Sequence, a.OccurredAt, a.Actor, a.ActorUnitId, a.Action, a.EntityType, a.EntityId, a.Summary, a.Hash))
            .ToListAsync(ct);
        return new Page(items, total, skip, take);
    }

    internal static void Map(RouteGroupBuilder audit)
    {
        audit.MapGet("/", async Task<Ok<Page>> (BeaconDbContext db, int? skip, int? take, string? action, string? actor, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, skip ?? 0, take ?? 50, action, actor, ct)))
            .WithName("ListAudit")
            .WithSummary("Audit entries of the caller's subtree, newest first (audit administrator).");
    }
}
