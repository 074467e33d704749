using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

/// <summary>
/// A special protection period (特别防护期) declared by an office for units of its subtree and a span of
/// local days. Every covered unit owes a daily report for each day, due by the end of that day by default.
/// </summary>
public sealed class ProtectionPeriod : IUnitScoped
{
    public const int MaxDays = 92;

    private ProtectionPeriod()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The declaring office; the period is visible in its subtree.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public DateOnly StartDay { get; private set; }
    public DateOnly EndDay { get; private set; }
    public Guid DeclaredBy { get; private set; }
    public DateTimeOffset DeclaredAt { get; private set; }
    public List<ProtectionPeriodUnit> Units { get; private set; } = [];

    public IEnumerable<DateOnly> Days()
    {
        for (var d = StartDay; d <= EndDay; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>
    /// Declares the period and the daily reports it makes due, from today (local) on; each unit must lie in
    /// the declaring office's subtree. Nothing is created when any element is wrong.
    /// </summary>
    public static (ProtectionPeriod Period, List<ReportObligation> Dues) Declare(string? name, Guid officeId, string officePath,
        DateOnly? start, DateOnly? end, IReadOnlyCollection<(Guid Id, string Path)> units, Guid declaredBy, DateTimeOffset now,
        TimeZoneInfo zone, DeadlinePolicy daily)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var v = new Validator()
            .Require("name", name, "Period.Name")
            .MaxLength("name", name, 200, "Period.Name")
            .Check(start is not null, "startDay", Text.Get("Required", Text.Get("Period.StartDay")))
            .Check(end is not null, "endDay", Text.Get("Required", Text.Get("Period.EndDay")))
            .Check(units.Count > 0, "unitIds", Text.Get("Period.NoUnits"));
        if (start is { } s && end is { } e)
        {
            v.Check(e >= s, "endDay", Text.Get("Period.EndBeforeStart"))
                .Check(e >= today, "endDay", Text.Get("Period.Past"))
                .Check(e.DayNumber - s.DayNumber < MaxDays, "endDay", Text.Get("Period.TooLong", MaxDays));
        }
        if (units.Any(u => !u.Path.StartsWith(officePath, StringComparison.Ordinal)))
        {
            v.Add("unitIds", Text.Get("Period.OutsideScope"));
        }
        v.ThrowIfInvalid();

        var period = new ProtectionPeriod
        {
            Id = Guid.NewGuid(),
            Name = name!.Trim(),
            UnitId = officeId,
            UnitPath = officePath,
            StartDay = start!.Value,
            EndDay = end!.Value,
            DeclaredBy = declaredBy,
            DeclaredAt = now.ToUniversalTime(),
        };
        period.Units = units.DistinctBy(u => u.Id).Select(u => new ProtectionPeriodUnit { PeriodId = period.Id, UnitId = u.Id, UnitPath = u.Path }).ToList();
        var dues = new List<ReportObligation>();
        foreach (var day in period.Days().Where(d => d >= today))
        {
            var dayStart = DayStart(day, zone);
            dues.AddRange(period.Units.Select(u => ReportObligation.Daily(period.Id, day, u.UnitId, u.UnitPath, dayStart, daily)));
        }
        return (period, dues);
    }

    /// <summary>Local midnight of a day as an instant.</summary>
    public static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}

/// <summary>A unit covered by a protection period.</summary>
public sealed class ProtectionPeriodUnit : IUnitScoped
{
    public Guid PeriodId { get; set; }
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
}

/// <summary>A unit's daily report (日报) for one day of a protection period.</summary>
public sealed class DailyReport : IUnitScoped
{
    private DailyReport()
    {
    }

    public Guid Id { get; private set; }
    public Guid PeriodId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public Guid ReporterId { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string Summary { get; private set; } = "";
    public int Incidents { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public Timeliness? Timeliness { get; private set; }

    /// <summary>Files the day's report: the day lies in the period and not ahead of today; the summary is required.</summary>
    public static DailyReport File(ProtectionPeriod period, Guid unitId, string unitPath, DateOnly? day, string? summary, int? incidents,
        Guid reporterId, DateTimeOffset now, TimeZoneInfo zone, ReportObligation? due)
    {
        var today = ProtectionPeriod.LocalDay(now, zone);
        var d = day ?? today;
        var v = new Validator()
            .Require("summary", summary, "Daily.Summary")
            .MaxLength("summary", summary, 4000, "Daily.Summary")
            .Count("incidents", incidents, Counts.Tally)
            .Check(d >= period.StartDay && d <= period.EndDay, "day", Text.Get("Daily.OutsidePeriod", period.StartDay, period.EndDay))
            .Check(d <= today, "day", Text.Get("Daily.Future"))
            .Check(period.Units.Any(u => u.UnitId == unitId), "unitId", Text.Get("Daily.NotCovered"));
        v.ThrowIfInvalid();
        var report = new DailyReport
        {
            Id = Guid.NewGuid(),
            PeriodId = period.Id,
            UnitId = unitId,
            UnitPath = unitPath,
            Day = d,
            ReporterId = reporterId,
            FiledAt = now.ToUniversalTime(),
            Summary = summary!.Trim(),
            Incidents = incidents ?? 0,
        };
        if (due is not null)
        {
            due.Meet(report.Id, report.FiledAt);
            report.DueAt = due.DueAt;
            report.Timeliness = due.Timeliness;
        }
        return report;
    }
}
