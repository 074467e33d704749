using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Deadlines.Features;

/// <summary>The deadline rules in force for a unit, each with its source: the default or the unit whose override applies.</summary>
public static class GetDeadlinePolicies
{
    /// <param name="Source">"default", or the id of the unit whose override applies (<paramref name="SourceName"/>).</param>
    public sealed record Rule(string Kind, string? Level, string From, int WithinMinutes, string Source, string? SourceName);

    public static async Task<List<Rule>> Handle(Guid? unitId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var id = unitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.Unit", id);
        var rules = await Policies.ForAsync(db, unit.Path, ct);
        var ancestors = UnitPaths.Ancestors(unit.Path);
        var overrides = await db.Set<DeadlineOverride>().IgnoreQueryFilters().AsNoTracking().Where(o => ancestors.Contains(o.UnitPath)).ToListAsync(ct);
        var sourceIds = overrides.Select(o => o.UnitId).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => sourceIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return rules.OrderBy(p => p.Kind).ThenBy(p => p.Level).Select(p =>
        {
            var source = overrides.Where(o => o.Kind == p.Kind && o.Level == p.Level).OrderByDescending(o => o.UnitPath.Length).FirstOrDefault();
            return new Rule(p.Kind.ToString(), p.Level?.ToString(), p.From.ToString(), (int)p.Within.TotalMinutes,
                source is null ? "default" : source.UnitId.ToString(), source is null ? null : names.GetValueOrDefault(source.UnitId));
        }).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/deadline-policies", async Task<Ok<List<Rule>>> (Guid? unitId, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(unitId, db, ct)))
            .WithName("GetDeadlinePolicies").WithTags("Reports")
            .WithSummary("The reporting deadlines in force for a unit, each with its source: the default or the unit whose override applies.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
