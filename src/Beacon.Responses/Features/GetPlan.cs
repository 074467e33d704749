using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class GetPlan
{
    /// <summary>A plan the caller may list (see <see cref="ListPlans"/>); "not found" otherwise.</summary>
    public static async Task<ResponsePlanResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct) =>
        (await ListPlans.Handle(db, ct)).FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException("Entity.Plan", id);

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<ResponsePlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetPlan").WithSummary("A response plan.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
