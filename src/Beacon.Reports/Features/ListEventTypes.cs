using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

public static class ListEventTypes
{
    public static Task<List<EventTypeResponse>> Handle(BeaconDbContext db, CancellationToken ct) => Handle(db, false, ct);

    /// <summary>The active taxonomy; with <paramref name="all"/> (administrators) the retired types too.</summary>
    public static async Task<List<EventTypeResponse>> Handle(BeaconDbContext db, bool all, CancellationToken ct)
    {
        if (all)
        {
            db.Actor.Require(Permissions.TaxonomyManage);
        }
        return (await db.Set<EventType>().AsNoTracking().Where(t => all || t.IsActive).OrderBy(t => t.SortOrder).ToListAsync(ct))
            .Select(EventTypeResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/event-types", async Task<Ok<List<EventTypeResponse>>> (bool? all, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, all == true, ct)))
            .WithName("ListEventTypes")
            .WithTags("Reports")
            .WithSummary("The event taxonomy: categories (no parent) and their types, with stable codes; ?all=true (system administrator) includes retired ones.");
    }
}
