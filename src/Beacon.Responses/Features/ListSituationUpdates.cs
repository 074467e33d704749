using Beacon.Platform.Data;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class ListSituationUpdates
{
    public static async Task<List<UpdateResponse>> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        await ResponseAccess.Load(id, db, ct);
        var updates = await db.Set<SituationUpdate>().IgnoreQueryFilters().AsNoTracking().Where(u => u.ResponseId == id).OrderByDescending(u => u.At)
            .ToListAsync(ct);
        var names = await UserNames.Of(db, updates.Select(u => u.By), ct);
        return updates.Select(u => new UpdateResponse(u.Id, u.Text, u.By, names.GetValueOrDefault(u.By, ""), u.At)).ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/updates", async Task<Ok<List<UpdateResponse>>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("ListSituationUpdates").WithSummary("The situation updates, newest first.");
    }
}
