using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Per unit and period: reports, how many were late, and flags by kind — the accountability view of reporting.</summary>
public static class GetReportingRecord
{
    /// <summary>Per unit: first reports and late ones, flags by kind, late follow-ups and daily reports, and missing reports (漏报) by kind.</summary>
    public sealed record UnitRecord(Guid UnitId, string UnitCode, string UnitName, int Reports, int Late, int Suppressed, int Wrong, int Concealed, int False,
        int LateFollowUps, int LateDaily, int MissingFollowUps, int MissingDaily, int MissingUpward);

    public static async Task<List<UnitRecord>> Handle(BeaconDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (to <= from)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["to"] = [Text.Get("Report.Period")] });
        }
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .Select(r => new { r.UnitId, r.Timeliness }).ToListAsync(ct);
        var flags = await db.Set<ReportFlag>().AsNoTracking().Where(f => f.FlaggedAt >= from && f.FlaggedAt < to)
            .Select(f => new { f.UnitId, f.Kind }).ToListAsync(ct);
        var followUps = await db.Set<FollowUpReport>().AsNoTracking().Where(f => f.FiledAt >= from && f.FiledAt < to)
            .Select(f => new { f.UnitId, f.Timeliness }).ToListAsync(ct);
        var daily = await db.Set<DailyReport>().AsNoTracking().Where(d => d.FiledAt >= from && d.FiledAt < to)
            .Select(d => new { d.UnitId, d.Timeliness }).ToListAsync(ct);
        var missed = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.MissedAt != null && o.DueAt >= from && o.DueAt < to)
            .Select(o => new { o.UnitId, o.Kind }).ToListAsync(ct);
        var unitIds = reports.Select(r => r.UnitId).Concat(flags.Select(f => f.UnitId)).Concat(followUps.Select(f => f.UnitId))
            .Concat(daily.Select(d => d.UnitId)).Concat(missed.Select(m => m.UnitId)).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return unitIds.Where(units.ContainsKey).Select(id => new UnitRecord(id, units[id].Code, units[id].NameZh,
                reports.Count(r => r.UnitId == id), reports.Count(r => r.UnitId == id && r.Timeliness == Timeliness.Late),
                flags.Count(f => f.UnitId == id && f.Kind == FlagKind.Suppressed), flags.Count(f => f.UnitId == id && f.Kind == FlagKind.Wrong),
                flags.Count(f => f.UnitId == id && f.Kind == FlagKind.Concealed), flags.Count(f => f.UnitId == id && f.Kind == FlagKind.False),
                followUps.Count(f => f.UnitId == id && f.Timeliness == Timeliness.Late), daily.Count(d => d.UnitId == id && d.Timeliness == Timeliness.Late),
                missed.Count(m => m.UnitId == id && m.Kind == DeadlineKind.FollowUp), missed.Count(m => m.UnitId == id && m.Kind == DeadlineKind.Daily),
                missed.Count(m => m.UnitId == id && m.Kind == DeadlineKind.Upward)))
            .OrderByDescending(u => u.Late + u.Suppressed + u.Wrong + u.Concealed + u.False + u.MissingFollowUps + u.MissingDaily + u.MissingUpward).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/record", async Task<Ok<List<UnitRecord>>> (DateTimeOffset from, DateTimeOffset to, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, from, to, ct)))
            .WithName("ReportingRecord")
            .WithSummary("Per unit of the caller's subtree and period [from, to): reports and late ones, flags by kind, late follow-ups and daily reports, missing reports.")
            .ProducesValidationProblem();
    }
}
