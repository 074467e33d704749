using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The circulations the caller's subtree received, newest first.</summary>
public static class ListCirculations
{
    public static async Task<List<CirculationResponse>> Handle(BeaconDbContext db, bool? open, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var q = db.Set<Circulation>().AsNoTracking();
        if (open == true)
        {
            q = q.Where(c => c.AcknowledgedAt == null);
        }
        return await CirculationResponse.Describe(db, await q.OrderByDescending(c => c.SentAt).Take(500).ToListAsync(ct), ct);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/circulations", async Task<Ok<List<CirculationResponse>>> (bool? open, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, open, ct)))
            .WithName("ListCirculations").WithTags("Reports")
            .WithSummary("Circulations received by the caller's subtree, newest first (?open=true: not yet acknowledged).");
    }
}
