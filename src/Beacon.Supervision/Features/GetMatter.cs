using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class GetMatter
{
    public static async Task<MatterResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct) =>
        await MatterResponse.Describe(await MatterAccess.Load(id, db, ct), db, ct);

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<MatterResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetMatter").WithSummary("A matter with its plan, progress, extensions, cards, explanation and closure.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
