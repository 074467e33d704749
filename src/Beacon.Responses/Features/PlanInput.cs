using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>The checks a plan's groups and measures pass, when created and when revised.</summary>
internal static class PlanInput
{
    /// <summary>JSON may say null where a list or an entry belongs: an empty list, and an entry left out is refused.</summary>
    internal static IReadOnlyList<PlanGroup>? Normalised(IReadOnlyList<PlanGroup>? groups, IReadOnlyList<PlanMeasure>? measures)
    {
        if (groups?.Any(g => g is null) == true || measures?.Any(m => m is null) == true)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["groups"] = [Text.Get("Response.PlanNullEntry")] });
        }
        return groups?.Select(g => g with { MemberUnitIds = g.MemberUnitIds ?? [] }).ToList();
    }

    /// <summary>The event type is a live type of the taxonomy; the groups' units lie in the plan's subtree.</summary>
    internal static async Task CheckReferences(string? eventTypeCode, IReadOnlyList<PlanGroup>? groups, string unitPath, BeaconDbContext db,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(eventTypeCode)
            || !await db.Set<EventType>().AnyAsync(t => t.Code == eventTypeCode.Trim() && t.ParentCode != null && t.IsActive, ct))
        {
            errors["eventTypeCode"] = [Text.Get("Response.EventType")];
        }
        var unitIds = (groups ?? []).SelectMany(g => (g.MemberUnitIds ?? []).Append(g.LeadUnitId ?? Guid.Empty)).Where(u => u != Guid.Empty).Distinct().ToList();
        var found = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id) && u.Path.StartsWith(unitPath)).CountAsync(ct);
        if (found != unitIds.Count)
        {
            errors["groups"] = [Text.Get("Response.GroupUnits")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
