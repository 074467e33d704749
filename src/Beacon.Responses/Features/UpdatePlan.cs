using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class UpdatePlan
{
    /// <summary>The same body as a new plan's; a plan keeps its event type and unit, so those given here are not read.</summary>
    public sealed record Request(string? EventTypeCode, string? Name, IReadOnlyList<PlanGroup>? Groups, IReadOnlyList<PlanMeasure>? Measures,
        int? Revision, Guid? UnitId = null);

    public static async Task<ResponsePlanResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesPlans);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var plan = await db.Set<ResponsePlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.Plan", id);
        var groups = PlanInput.Normalised(r.Groups, r.Measures);
        await PlanInput.CheckReferences(plan.EventTypeCode, groups, plan.UnitPath, db, ct);
        plan.Revise(r.Name, groups ?? [], r.Measures ?? [], db.Actor.RequireUserId(), db.Time.GetUtcNow(), r.Revision ?? -1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ResponsePlanResponse.From(plan);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}", async Task<Ok<ResponsePlanResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("UpdatePlan").WithSummary("Revises a plan; give the revision you saw (stale: 409). Responses already active keep the groups they started with.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
