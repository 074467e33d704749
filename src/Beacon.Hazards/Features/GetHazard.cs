using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class GetHazard
{
    public static async Task<HazardResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct) =>
        await HazardResponse.Describe(await HazardAccess.Load(id, db, ct), db, ct);

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<HazardResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetHazard").WithSummary("A hazard with its rectification, extensions, progress, closure and files.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
