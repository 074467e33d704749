using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Deadlines.Features;

/// <summary>A unit's overrides of the deadline rules for its subtree.</summary>
public static class SetDeadlinePolicies
{
    public sealed record OverrideRequest(string? Kind, int? Level, int? WithinMinutes);

    /// <summary>Replaces the unit's own overrides; the rules of units above still apply where the unit sets none.</summary>
    public static async Task<List<GetDeadlinePolicies.Rule>> Handle(Guid unitId, List<OverrideRequest>? rules, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsPolicy);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var created = new List<DeadlineOverride>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (r, i) in (rules ?? []).Select((r, i) => (r, i)))
        {
            try
            {
                created.Add(DeadlineOverride.Create(unit.Id, unit.Path, r.Kind, r.Level, r.WithinMinutes));
            }
            catch (RequestValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                {
                    errors[$"rules[{i}].{field}"] = messages;
                }
            }
        }
        // Below the root a unit may only tighten what the units above hold it to; it cannot grant itself more time.
        if (unit.ParentId is { } parentId)
        {
            var above = await Policies.ForAsync(db, await db.UnitPathAsync(parentId, ct), ct);
            foreach (var (o, i) in created.Select((o, i) => (o, i)))
            {
                if (DeadlinePolicy.For(above, o.Kind, o.Level) is { } limit && o.WithinMinutes > limit.Within.TotalMinutes)
                {
                    errors[$"rules[{i}].withinMinutes"] = [Text.Get("Policy.Looser", (int)limit.Within.TotalMinutes)];
                }
            }
        }
        if (created.GroupBy(o => (o.Kind, o.Level)).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            errors["rules"] = [Text.Get("Policy.Duplicate", dup.Key.Kind, dup.Key.Level?.ToString() ?? "-")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        db.Set<DeadlineOverride>().RemoveRange(await db.Set<DeadlineOverride>().Where(o => o.UnitId == unit.Id).ToListAsync(ct));
        db.Set<DeadlineOverride>().AddRange(created);
        await db.SaveChangesAsync(ct);
        return await GetDeadlinePolicies.Handle(unit.Id, db, ct);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/deadline-policies/{unitId:guid}", async Task<Ok<List<GetDeadlinePolicies.Rule>>> (Guid unitId, List<OverrideRequest> rules, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(unitId, rules, db, ct)))
            .WithName("SetDeadlinePolicies").WithTags("Reports")
            .WithSummary("Sets the unit's overrides for its subtree (replacing its previous ones); below the root only tighter than the rules above. An empty list returns it to the rules above.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
