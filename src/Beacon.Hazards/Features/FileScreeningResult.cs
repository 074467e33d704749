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

public static class FileScreeningResult
{
    public sealed record Request(Guid? UnitId, int? HazardsFound, string? Note);

    /// <summary>A unit in scope files its result: once per plan; filed after the end it is marked late.</summary>
    public static async Task<PlanResponse> Handle(Guid id, Request r, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRecord);
        var plan = await db.Readable<ScreeningPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        if (await db.Set<ScreeningResult>().IgnoreQueryFilters().AnyAsync(x => x.PlanId == id && x.UnitId == unitId, ct))
        {
            throw new ConflictException(Text.Get("Hazard.ResultFiled"), "unitId");
        }
        var result = ScreeningResult.File(plan, unitId, unitPath, r.HazardsFound ?? -1, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow(), time.Zone);
        db.Set<ScreeningResult>().Add(result);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await PlanResponse.Describe(plan, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/results", async Task<Ok<PlanResponse>> (Guid id, Request r, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, time, ct)))
            .WithName("FileScreeningResult").WithSummary("A unit in scope files its screening result (hazards found, note), once.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
