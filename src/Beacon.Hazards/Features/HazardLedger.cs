using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

/// <summary>
/// The hazard list and ledger (风险隐患清单、台账): filtered by subtree, level, state, domain and period, counted per
/// matrix cell, exported to .xlsx and imported from it (all rows or none).
/// </summary>
public static class HazardLedger
{
    /// <summary>The readable hazards narrowed by the filter; bad values are refused, naming the field.</summary>
    public static async Task<IQueryable<Hazard>> Query(HazardFilter f, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var q = db.Readable<Hazard>().AsNoTracking();
        var errors = new Dictionary<string, string[]>();
        if (f.UnitId is { } unitId)
        {
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                errors["unitId"] = [Text.Get("Hazard.UnitUnknown")];
            }
            else
            {
                q = q.Where(h => h.UnitPath.StartsWith(path) || (h.ResponsibleUnitPath != null && h.ResponsibleUnitPath.StartsWith(path)));
            }
        }
        if (!string.IsNullOrWhiteSpace(f.Level))
        {
            q = q.Where(h => h.RiskLevel == f.Level);
        }
        if (!string.IsNullOrWhiteSpace(f.State))
        {
            if (Enum.TryParse<HazardState>(f.State, true, out var state) && !int.TryParse(f.State, out _))
            {
                q = q.Where(h => h.State == state);
            }
            else
            {
                errors["state"] = [Text.Get("Hazard.StateFilter")];
            }
        }
        if (!string.IsNullOrWhiteSpace(f.Domain))
        {
            q = q.Where(h => h.Domain == f.Domain);
        }
        if (f.From is { } from)
        {
            var utc = from.ToUniversalTime();
            q = q.Where(h => h.FoundAt >= utc);
        }
        if (f.To is { } to)
        {
            var utc = to.ToUniversalTime();
            q = q.Where(h => h.FoundAt < utc);
        }
        if (f.PlanId is { } planId)
        {
            q = q.Where(h => h.PlanId == planId);
        }
        if (f.Likelihood is { } l)
        {
            q = q.Where(h => h.Likelihood == l);
        }
        if (f.Impact is { } i)
        {
            q = q.Where(h => h.Impact == i);
        }
        if (f.Repeat == true)
        {
            q = q.Where(h => h.RepeatCount > 0);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(h => h.Code.Contains(text) || h.Place.Contains(text) || h.Description.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(f.Due))
        {
            var now = db.Time.GetUtcNow();
            var soon = now + Due.DefaultSoon;
            var open = new[] { HazardState.Open, HazardState.Rectifying };
            q = f.Due.ToLowerInvariant() switch
            {
                "overdue" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline < now),
                "duesoon" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline >= now && h.Deadline <= soon),
                "ontrack" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline > soon),
                _ => Refuse(errors, q),
            };
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        return q;

        static IQueryable<Hazard> Refuse(Dictionary<string, string[]> errors, IQueryable<Hazard> q)
        {
            errors["due"] = [Text.Get("Hazard.DueFilter")];
            return q;
        }
    }
}

public sealed record HazardFilter(Guid? UnitId = null, string? Level = null, string? State = null, string? Domain = null, DateTimeOffset? From = null,
    DateTimeOffset? To = null, Guid? PlanId = null, string? Due = null, bool? Repeat = null, string? Q = null, int? Likelihood = null, int? Impact = null);

/// <summary>The filter as the query string binds it.</summary>
public sealed record HazardFilterQuery(Guid? UnitId, string? Level, string? State, string? Domain, DateTimeOffset? From, DateTimeOffset? To, Guid? PlanId, string? Due,
    bool? Repeat, string? Q, int? Likelihood, int? Impact)
{
    public HazardFilter ToFilter() => new(UnitId, Level, State, Domain, From, To, PlanId, Due, Repeat, Q, Likelihood, Impact);
}
