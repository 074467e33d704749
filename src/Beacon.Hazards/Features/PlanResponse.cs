using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public sealed record UnitRef(Guid Id, string Name);

public sealed record ResultResponse(Guid UnitId, string UnitName, DateTimeOffset FiledAt, int HazardsFound, string? Note, bool Late);

public sealed record PlanResponse(Guid Id, Guid UnitId, string UnitName, string Kind, string Title, IReadOnlyList<string> Domains, DateOnly StartsOn,
    DateOnly EndsOn, bool Recurring, Guid? RecurrenceOf, IReadOnlyList<Guid> OwnerIds, int InScope, int Filed, IReadOnlyList<UnitRef> Missing,
    IReadOnlyList<ResultResponse> Results)
{
    internal static async Task<PlanResponse> Describe(ScreeningPlan p, BeaconDbContext db, CancellationToken ct)
    {
        var results = await db.Set<ScreeningResult>().IgnoreQueryFilters().AsNoTracking().Where(r => r.PlanId == p.Id).ToListAsync(ct);
        var coverage = ScreeningResult.Coverage(p.ScopeUnitIds, results);
        var unitIds = p.ScopeUnitIds.Append(p.UnitId).ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.NameZh, u.Path), ct);
        var names = units.ToDictionary(u => u.Key, u => u.Value.NameZh);
        if (!db.Actor.Sees(p.UnitPath))
        {
            // A unit in scope sees the totals, and of the units only its own subtree's: nothing of a sibling.
            bool Mine(Guid id) => units.TryGetValue(id, out var u) && db.Actor.Sees(u.Path);
            results = results.Where(r => Mine(r.UnitId)).ToList();
            coverage = coverage with { Missing = coverage.Missing.Where(Mine).ToList() };
        }
        return new PlanResponse(p.Id, p.UnitId, names.GetValueOrDefault(p.UnitId, ""), p.Kind.ToString().ToLowerInvariant(), p.Title, p.Domains, p.StartsOn,
            p.EndsOn, p.Recurring, p.RecurrenceOf, p.OwnerIds, coverage.InScope, coverage.Filed,
            coverage.Missing.Select(m => new UnitRef(m, names.GetValueOrDefault(m, ""))).ToList(),
            results.Where(r => p.ScopeUnitIds.Contains(r.UnitId)).OrderBy(r => r.FiledAt)
                .Select(r => new ResultResponse(r.UnitId, names.GetValueOrDefault(r.UnitId, ""), r.FiledAt, r.HazardsFound, r.Note, r.Late)).ToList());
    }
}
