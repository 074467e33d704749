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
