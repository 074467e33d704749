using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

/// <summary>What a follow-up report (续报) adds: progress, the latest figures when they changed, measures, next steps.</summary>
public sealed record FollowUpDraft(
    string? Progress,
    int? PeopleAffected = null,
    int? Deaths = null,
    int? Injuries = null,
    int? Missing = null,
    string? Cause = null,
    string? MeasuresTaken = null,
    string? NextSteps = null,
    int? Level = null,
    bool IsFinal = false);

/// <summary>A follow-up report (续报) of an event, or its final report (终报). It carries the event's scope.</summary>
public sealed class FollowUpReport : IUnitScoped
{
    private FollowUpReport()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public int Sequence { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid ReporterId { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string Progress { get; private set; } = "";
    public int? PeopleAffected { get; private set; }
    public int? Deaths { get; private set; }
    public int? Injuries { get; private set; }
    public int? Missing { get; private set; }
    public string? Cause { get; private set; }
    public string? MeasuresTaken { get; private set; }
    public string? NextSteps { get; private set; }
    public EventLevel? Level { get; private set; }
    public bool IsFinal { get; private set; }
    /// <summary>The follow-up deadline it met, when one was owed, and how.</summary>
    public DateTimeOffset? DueAt { get; private set; }
    public Timeliness? Timeliness { get; private set; }

    internal static FollowUpReport Create(Report ev, int sequence, FollowUpDraft d, Guid reporterId, DateTimeOffset now)
    {
        var v = new Validator()
            .Require("progress", d.Progress, "Report.Progress")
            .MaxLength("progress", d.Progress, 4000, "Report.Progress")
            .MaxLength("cause", d.Cause, 2000, "Report.Cause")
            .MaxLength("measuresTaken", d.MeasuresTaken, 4000, "Report.MeasuresTaken")
            .MaxLength("nextSteps", d.NextSteps, 4000, "Report.NextSteps");
        v.Count("peopleAffected", d.PeopleAffected, Counts.People)
            .Count("deaths", d.Deaths, Counts.Casualties)
            .Count("injuries", d.Injuries, Counts.Casualties)
            .Count("missing", d.Missing, Counts.Casualties);
        if (d.Level is not null && d.Level is not (>= 1 and <= 4))
        {
            v.Add("level", Text.Get("Report.Level"));
        }
        else if (d.Level is not null && ev.AssessedAt is null)
        {
            v.Add("level", Text.Get("Report.GradeBeforeAssessment"));
        }
        v.ThrowIfInvalid();
        return new FollowUpReport
        {
            Id = Guid.NewGuid(),
            EventId = ev.EventId,
            Sequence = sequence,
            UnitId = ev.UnitId,
            UnitPath = ev.UnitPath,
            ReporterId = reporterId,
            FiledAt = now.ToUniversalTime(),
            Progress = d.Progress!.Trim(),
            PeopleAffected = d.PeopleAffected,
            Deaths = d.Deaths,
            Injuries = d.Injuries,
            Missing = d.Missing,
            Cause = Clean(d.Cause),
            MeasuresTaken = Clean(d.MeasuresTaken),
            NextSteps = Clean(d.NextSteps),
            Level = d.Level is { } l ? (EventLevel)l : null,
            IsFinal = d.IsFinal,
        };
    }

    /// <summary>Records the follow-up deadline this report answered.</summary>
    public void Answer(ReportObligation obligation)
    {
        obligation.Meet(Id, FiledAt);
        DueAt = obligation.DueAt;
        Timeliness = obligation.Timeliness;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
