using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class SubmitHazardClosure
{
    public sealed record Request(IReadOnlyList<Guid>? EvidenceFileIds, string? Note);

    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), async h =>
        {
            var evidence = (r.EvidenceFileIds ?? []).Distinct().ToList();
            var known = await db.Set<StoredFile>().IgnoreQueryFilters()
                .CountAsync(f => f.OwnerType == AttachHazardFile.FileOwner && f.OwnerId == h.Id && evidence.Contains(f.Id), ct);
            if (known != evidence.Count)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["evidence"] = [Text.Get("Hazard.EvidenceUnknown")] });
            }
            h.SubmitClosure(evidence, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            HazardNotices.TellOffice(h, "hazard.closure-submitted", outbox.Text("Hazard.ClosureSubmitted.Subject", h.Code), h.ClosureNote ?? "", db, outbox);
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("SubmitHazardClosure").WithSummary("The unit asks to close (销号) with evidence files uploaded to the hazard and a note.")
            .ProducesValidationProblem();
    }
}
