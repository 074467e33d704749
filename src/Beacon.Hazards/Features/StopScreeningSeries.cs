using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class StopScreeningSeries
{
    /// <summary>The office ends a recurring series: this plan stands, no further one is generated from it.</summary>
    public static async Task<PlanResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var plan = await HazardAccess.PlanForOffice(id, db, ct);
        plan.StopRecurring();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await PlanResponse.Describe(plan, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/stop", async Task<Ok<PlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("StopScreeningSeries").WithSummary("The office ends a recurring plan's series: no further plan is generated from it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
