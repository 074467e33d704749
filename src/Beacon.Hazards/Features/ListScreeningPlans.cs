using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class ListScreeningPlans
{
    public static async Task<List<PlanResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var plans = await db.Readable<ScreeningPlan>().AsNoTracking().OrderByDescending(p => p.StartsOn).Take(200).ToListAsync(ct);
        var list = new List<PlanResponse>();
        foreach (var p in plans)
        {
            list.Add(await PlanResponse.Describe(p, db, ct));
        }
        return list;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<List<PlanResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListScreeningPlans").WithSummary("Plans of the caller's subtree and those the caller's unit is in scope of, with coverage.");
    }
}
