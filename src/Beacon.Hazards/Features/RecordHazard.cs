using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

/// <summary>
/// Hazards (隐患): recorded with photos, assessed on the risk matrix, rectified by a responsible unit with progress,
/// extensions and evidence, closed (销号) on the office's acceptance, reopened as a repeat when they recur.
/// </summary>
public static class RecordHazard
{
    public sealed record Request(Guid? UnitId, string? Domain, string? Place, string? Description, int? Likelihood, int? Impact, DateTimeOffset? FoundAt,
        Guid? PlanId);

    public static async Task<HazardResponse> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRecord);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        if (r.PlanId is { } planId && !await db.Readable<ScreeningPlan>().AnyAsync(p => p.Id == planId, ct))
        {
            throw new NotFoundException("Entity.ScreeningPlan", planId);
        }
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var now = db.Time.GetUtcNow();
        var code = (await HazardCodes.Sequence(db, now, ct))();
        var hazard = Hazard.Record(new RecordInput(unitId, unitPath, code, r.PlanId is null ? HazardSource.Inspection : HazardSource.Screening, r.Domain, r.Place,
            r.Description, r.Likelihood ?? 0, r.Impact ?? 0, r.FoundAt, r.PlanId), await GetRiskMatrix.Current(db, ct), db.Actor.RequireUserId(), now);
        db.Set<Hazard>().Add(hazard);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await HazardResponse.Describe(hazard, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<HazardResponse>> (Request r, BeaconDbContext db, CancellationToken ct) =>
            {
                var h = await Handle(r, db, ct);
                return TypedResults.Created($"/api/hazards/{h.Id}", h);
            })
            .WithName("RecordHazard")
            .WithSummary("Records a hazard (隐患) of the caller's unit (or one below): domain, place, description, likelihood and impact on the risk matrix; during a plan with planId.")
            .ProducesValidationProblem();
    }
}
