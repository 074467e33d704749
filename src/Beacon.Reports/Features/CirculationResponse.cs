using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>What the receiving unit sees: the circulation and the report's essentials, even when the event is outside its subtree.</summary>
public sealed record CirculationResponse(Guid Id, Guid ReportId, Guid FromUnitId, string FromUnitName, Guid UnitId, string UnitName, string? Note,
    DateTimeOffset SentAt, DateTimeOffset? AcknowledgedAt, string EventTypeCode, string Place, DateTimeOffset OccurredAt, string? Level,
    string? AssessmentSummary, int PeopleAffected, int Deaths, int Injuries, int Missing)
{
    internal static async Task<List<CirculationResponse>> Describe(BeaconDbContext db, List<Circulation> list, CancellationToken ct)
    {
        var reportIds = list.Select(c => c.ReportId).ToHashSet();
        // Reached through a circulation in scope: the report itself may lie in another subtree.
        var reports = await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(x => reportIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var unitIds = list.SelectMany(c => new[] { c.UnitId, c.FromUnitId }).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return list.Select(c =>
        {
            var x = reports[c.ReportId];
            return new CirculationResponse(c.Id, c.ReportId, c.FromUnitId, names.GetValueOrDefault(c.FromUnitId, ""), c.UnitId,
                names.GetValueOrDefault(c.UnitId, ""), c.Note, c.SentAt, c.AcknowledgedAt, x.EventTypeCode, x.Place, x.OccurredAt,
                x.Level?.ToString(), x.AssessmentSummary, x.PeopleAffected, x.Deaths, x.Injuries, x.Missing);
        }).ToList();
    }
}
