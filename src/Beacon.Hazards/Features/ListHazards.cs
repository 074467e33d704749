using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class ListHazards
{
    public sealed record Counters(int Total, int Open, int Rectifying, int ClosureSubmitted, int Closed, int Overdue, int DueSoon, int Repeats);

    public sealed record Page(Counters Counters, int Total, IReadOnlyList<HazardResponse> Items);

    public static async Task<Page> Handle(HazardFilter f, int skip, int take, BeaconDbContext db, CancellationToken ct)
    {
        if (skip < 0 || take is < 1 or > 500)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["take"] = [Text.Get("Hazard.Paging")] });
        }
        var q = await HazardLedger.Query(f, db, ct);
        var now = db.Time.GetUtcNow();
        var soon = now + Due.DefaultSoon;
        // Counters in one grouped query: the ledger of a province runs to hundreds of thousands of rows.
        var byState = await q.GroupBy(h => h.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await q.CountAsync(h => (h.State == HazardState.Open || h.State == HazardState.Rectifying) && h.Deadline != null && h.Deadline < now, ct);
        var dueSoon = await q.CountAsync(h => (h.State == HazardState.Open || h.State == HazardState.Rectifying) && h.Deadline != null && h.Deadline >= now
            && h.Deadline <= soon, ct);
        var repeats = await q.CountAsync(h => h.RepeatCount > 0, ct);
        int Of(HazardState s) => byState.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        var total = byState.Sum(x => x.Count);
        var items = await q.OrderByDescending(h => h.FoundAt).ThenBy(h => h.Code).Skip(skip).Take(take).ToListAsync(ct);
        return new Page(new Counters(total, Of(HazardState.Open), Of(HazardState.Rectifying), Of(HazardState.ClosureSubmitted), Of(HazardState.Closed), overdue,
            dueSoon, repeats), total, await HazardResponse.DescribeAll(items, db, ct));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<Page>> ([AsParameters] HazardFilterQuery f, int? skip, int? take, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(f.ToFilter(), skip ?? 0, take ?? 50, db, ct)))
            .WithName("ListHazards")
            .WithSummary("The hazard list and ledger: unitId (its subtree), level (band code), state, domain, from/to (found), planId, due (ontrack|duesoon|overdue), repeat, q, likelihood and impact (a matrix cell); counters; skip/take ≤ 500.");
    }
}
