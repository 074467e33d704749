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

public static class GetScreeningPlan
{
    public static async Task<PlanResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var plan = await db.Readable<ScreeningPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        return await PlanResponse.Describe(plan, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<PlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetScreeningPlan").WithSummary("A plan with its coverage: units filed / units in scope, and the missing ones.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
