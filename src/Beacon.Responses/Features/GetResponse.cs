using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class GetResponse
{
    public static async Task<ResponseDetail> Handle(Guid id, BeaconDbContext db, CancellationToken ct) =>
        await ResponseDetail.Describe(await ResponseAccess.Load(id, db, ct), db, ct);

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<ResponseDetail>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetResponse").WithSummary("A response with its command post: groups, tasks (overdue flagged), level decisions, clocks and review.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
