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

public static class CreatePlan
{
    /// <param name="UnitId">The unit the plan is for: the caller's own or one below it (default: the caller's).</param>
    public sealed record Request(string? EventTypeCode, string? Name, IReadOnlyList<PlanGroup>? Groups, IReadOnlyList<PlanMeasure>? Measures,
        int? Revision, Guid? UnitId = null);

    public static async Task<ResponsePlanResponse> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesPlans);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        // Within the caller's scope, else not found.
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        r = r with { Groups = PlanInput.Normalised(r.Groups, r.Measures) };
        await PlanInput.CheckReferences(r.EventTypeCode, r.Groups, unitPath, db, ct);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var type = r.EventTypeCode?.Trim();
        if (type is not null && await db.Set<ResponsePlan>().IgnoreQueryFilters().AnyAsync(p => p.UnitId == unitId && p.EventTypeCode == type, ct))
        {
            throw new ConflictException(Text.Get("Response.PlanExists"), "eventTypeCode");
        }
        var plan = ResponsePlan.Create(unitId, unitPath, type, r.Name, r.Groups, r.Measures, db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<ResponsePlan>().Add(plan);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ResponsePlanResponse.From(plan);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<ResponsePlanResponse>> (Request r, BeaconDbContext db, CancellationToken ct) =>
            {
                var p = await Handle(r, db, ct);
                return TypedResults.Created($"/api/plans/{p.Id}", p);
            })
            .WithName("CreatePlan")
            .WithSummary("A plan for an event type of the caller's unit: groups (default: coordination, on-site handling, public information, logistics) with lead and member units, and measures per level with group and target minutes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
