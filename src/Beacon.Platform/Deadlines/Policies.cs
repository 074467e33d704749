using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Deadlines;

/// <summary>The deadline rules in force for a unit: the defaults with the overrides of the unit and every unit above it.</summary>
public static class Policies
{
    public static async Task<IReadOnlyList<DeadlinePolicy>> ForAsync(BeaconDbContext db, string unitPath, CancellationToken ct)
    {
        var ancestors = UnitPaths.Ancestors(unitPath);
        // An upper unit's rules bind a lower unit that cannot otherwise see that unit's records.
        var overrides = await db.Set<DeadlineOverride>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => ancestors.Contains(o.UnitPath)).ToListAsync(ct);
        return DeadlinePolicy.Resolve(DeadlinePolicy.Defaults,
            overrides.GroupBy(o => o.UnitPath).OrderBy(g => g.Key.Length).Select(g => g.Select(o => o.ToPolicy())));
    }

    public static DeadlinePolicy Rule(this IReadOnlyList<DeadlinePolicy> policies, DeadlineKind kind, EventLevel? level = null) =>
        DeadlinePolicy.For(policies, kind, level) ?? DeadlinePolicy.For(DeadlinePolicy.Defaults, kind, level)!;
}
