using Beacon.Platform.Audit.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Audit.Features;

public static class VerifyAudit
{
    /// <summary>
    /// Re-computes the whole chain, streaming in sequence order. The chain is one for the installation,
    /// so this reads past the caller's scope but tells them only whether it holds and where it breaks.
    /// </summary>
    public static async Task<AuditVerification> Run(BeaconDbContext db, CancellationToken ct)
    {
        var verifier = new AuditChainVerifier();
        await foreach (var e in db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            verifier.Add(e);
        }
        return verifier.Result;
    }

    public static async Task<AuditVerification> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.AuditRead);
        var result = await Run(db, ct);
        db.AuditEvent("audit.verified", "audit", null, new { result.Valid, result.Entries, result.FirstBrokenSequence });
        await db.SaveChangesAsync(ct);
        return result;
    }

    internal static void Map(RouteGroupBuilder audit)
    {
        audit.MapGet("/verify", async Task<Ok<AuditVerification>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("VerifyAudit")
            .WithSummary("Re-computes the hash chain end to end: { valid, entries, firstBrokenSequence } (audit administrator).");
    }
}

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
