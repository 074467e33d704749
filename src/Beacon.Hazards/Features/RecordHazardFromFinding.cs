using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class RecordHazardFromFinding
{
    public sealed record Request(Guid? ResponseId, Guid? FindingId, string? Domain, int? Likelihood, int? Impact);

    /// <summary>A finding of a response's review becomes a hazard under rectification by the finding's owner unit, in one step.</summary>
    public static async Task<HazardResponse> Handle(Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        var response = await ResponseReview.GetAsync(db, r.ResponseId ?? Guid.Empty, ct);
        // The office that ran the response acts on its review; a unit that only took part does not.
        if (!db.Actor.Sees(response.UnitPath))
        {
            throw new ForbiddenException(Text.Get("Hazard.OfficeOnly"));
        }
        var finding = response.Findings.FirstOrDefault(f => f.Id == r.FindingId) ?? throw new NotFoundException("Entity.Finding", r.FindingId ?? Guid.Empty);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        if (await db.Readable<Hazard>().FirstOrDefaultAsync(h => h.SourceFindingId == finding.Id, ct) is { } existing)
        {
            return await HazardResponse.Describe(existing, db, ct);
        }
        var ownerPath = finding.OwnerUnitId is { } o ? await db.Units.Where(u => u.Id == o).Select(u => u.Path).FirstOrDefaultAsync(ct) : null;
        var now = db.Time.GetUtcNow();
        var hazard = Hazard.FromFinding(new FindingInput(response.UnitId, response.UnitPath, (await HazardCodes.Sequence(db, now, ct))(), response.ResponseId,
                finding.Id, finding.Text, ownerPath is null ? null : finding.OwnerUnitId, finding.Owner, finding.Deadline, r.Domain ?? "应急处置", response.Place,
                r.Likelihood ?? 3, r.Impact ?? 3), await GetRiskMatrix.Current(db, ct), db.Actor.RequireUserId(), now);
        hazard.LocateResponsibleUnit(ownerPath!);
        db.Set<Hazard>().Add(hazard);
        await HazardNotices.TellRectifier(hazard, "hazard.rectification-assigned", outbox.Text("Hazard.Assigned.Subject", hazard.Code),
            outbox.Text("Hazard.Assigned.Body", hazard.Place, hazard.Measures, time.Format(hazard.Deadline!.Value)), db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await HazardResponse.Describe(hazard, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/from-finding", async Task<Ok<HazardResponse>> (Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
                TypedResults.Ok(await Handle(r, db, outbox, time, ct)))
            .WithName("HazardFromFinding")
            .WithSummary("Turns a finding of a response's review into a hazard under rectification by the finding's owner unit, with its deadline; once per finding.");
    }
}
