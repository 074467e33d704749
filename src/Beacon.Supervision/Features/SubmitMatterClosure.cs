using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Features;

public static class SubmitMatterClosure
{
    public sealed record Request(string? Report, IReadOnlyList<Guid>? EvidenceFileIds);

    public static async Task<MatterResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForHandler(i, db, ct), async m =>
        {
            var evidence = r.EvidenceFileIds ?? [];
            if (evidence.Count > 0)
            {
                var mine = await db.Set<StoredFile>().IgnoreQueryFilters()
                    .CountAsync(f => f.OwnerType == AttachMatterEvidence.FileOwner && f.OwnerId == m.Id && evidence.Contains(f.Id), ct);
                if (mine != evidence.Distinct().Count())
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["evidenceFileIds"] = [Text.Get("Matter.EvidenceUnknown")] });
                }
            }
            m.SubmitClosure(r.Report, evidence, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await MatterNotices.TellOffice(m, "matter.closure-submitted", outbox.Text("Matter.ClosureSubmitted.Subject", m.Title), m.ClosingReport!, db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure", async Task<Ok<MatterResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("SubmitMatterClosure").WithSummary("The handling unit's closing report (销号申请) with evidence uploaded to the matter.");
    }
}
