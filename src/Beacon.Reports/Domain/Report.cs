using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

/// <summary>The elements of a first report (首报), as the reporter gives them.</summary>
public sealed record FirstReportDraft(
    string? EventTypeCode,
    DateTimeOffset? OccurredAt,
    DateTimeOffset? LearnedAt,
    string? Place,
    double? Latitude,
    double? Longitude,
    int? PeopleAffected,
    int? Deaths,
    int? Injuries,
    int? Missing,
    double? AreaKm2,
    string? Cause,
    string? UnitsInvolved,
    string? MeasuresTaken,
    string? MeasuresPlanned,
    string? ContactName,
    string? ContactPhone);

/// <summary>
/// A report filed by a unit. The first report opens the event; its first-report clock runs from the
/// moment the unit learned of the event.
/// </summary>
public sealed class Report : IUnitScoped
{
    /// <summary>Clocks run on the server's time; a reporter's clock may be this far ahead.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(2);

    private Report()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid ReporterId { get; private set; }
    public string EventTypeCode { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset LearnedAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string Place { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public int PeopleAffected { get; private set; }
    public int Deaths { get; private set; }
    public int Injuries { get; private set; }
    public int Missing { get; private set; }
    public double? AreaKm2 { get; private set; }
    public string? Cause { get; private set; }
    public string UnitsInvolved { get; private set; } = "";
    public string MeasuresTaken { get; private set; } = "";
    public string MeasuresPlanned { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    /// <summary>The first-report deadline: learned-of + the policy's time (15 minutes by default).</summary>
    public DateTimeOffset DueAt { get; private set; }
    public Timeliness Timeliness { get; private set; }

    /// <summary>The office's initial assessment (初步研判): level, summary, who and when, and whether it kept its clock.</summary>
    public EventLevel? Level { get; private set; }
    public string? AssessmentSummary { get; private set; }
    public Guid? AssessedBy { get; private set; }
    public DateTimeOffset? AssessedAt { get; private set; }
    public DateTimeOffset AssessmentDueAt { get; private set; }
    public Timeliness? AssessmentTimeliness { get; private set; }
    /// <summary>When the report must have reached the upper level, by the assessed level (1/2/8/12 h by default).</summary>
    public DateTimeOffset? UpwardDueAt { get; private set; }

    /// <summary>The event is closed by its final follow-up (终报); no follow-up is owed after that.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }
    public int FollowUpCount { get; private set; }
    public bool IsOpen => ClosedAt is null;

    /// <summary>Whether an open event of this level owes follow-ups (level I and II by default).</summary>
    public static bool OwesFollowUps(EventLevel? level, IReadOnlyList<DeadlinePolicy> policies) =>
        level is not null && policies.Any(p => p.Kind == DeadlineKind.FollowUp && p.Level == level);

    /// <summary>
    /// Attaches a follow-up (续报): numbers it, applies a change of level (by an analyst only), and closes the
    /// event when it is the final report.
    /// </summary>
    public FollowUpReport AddFollowUp(FollowUpDraft d, Guid reporterId, bool mayGrade, DateTimeOffset now)
    {
        if (ClosedAt is not null)
        {
            throw new ConflictException(Text.Get("Report.Closed"));
        }
        if (d.Level is not null && !mayGrade)
        {
            throw new ForbiddenException(Text.Get("Report.GradeForbidden"));
        }
        var followUp = FollowUpReport.Create(this, FollowUpCount + 1, d, reporterId, now);
        FollowUpCount++;
        if (d.Level is { } level && AssessedAt is not null)
        {
            Level = (EventLevel)level;
        }
        if (d.IsFinal)
        {
            ClosedAt = followUp.FiledAt;
        }
        return followUp;
    }

    /// <summary>Sets level I–IV and the summary; timed against the assessment clock, and starts the upward one.</summary>
    public void Assess(int? level, string? summary, Guid analystId, DateTimeOffset now, IReadOnlyList<DeadlinePolicy> policies)
    {
        if (AssessedAt is not null)
        {
            throw new ConflictException(Text.Get("Report.AlreadyAssessed"));
        }
        var v = new Validator()
            .Check(level is >= 1 and <= 4, "level", Text.Get("Report.Level"))
            .Require("summary", summary, "Report.Summary")
            .MaxLength("summary", summary, 4000, "Report.Summary");
        v.ThrowIfInvalid();
        Level = (EventLevel)level!.Value;
        AssessmentSummary = summary!.Trim();
        AssessedBy = analystId;
        AssessedAt = now = now.ToUniversalTime();
        AssessmentTimeliness = now <= AssessmentDueAt ? Platform.Deadlines.Domain.Timeliness.OnTime : Platform.Deadlines.Domain.Timeliness.Late;
        UpwardDueAt = DeadlinePolicy.For(policies, DeadlineKind.Upward, Level) is { } upward ? now + upward.Within : null;
    }

    /// <summary>Checks every element at once; nothing is created when any is missing or wrong.</summary>
    public static Report FileFirst(FirstReportDraft d, Guid unitId, string unitPath, Guid reporterId, DateTimeOffset now,
        Func<string, bool> isKnownEventType, DeadlinePolicy policy, DeadlinePolicy? assessmentPolicy = null)
    {
        var v = new Validator()
            .Require("eventTypeCode", d.EventTypeCode, "Report.EventType")
            .Require("place", d.Place, "Report.Place")
            .MaxLength("place", d.Place, 500, "Report.Place")
            .Require("unitsInvolved", d.UnitsInvolved, "Report.UnitsInvolved")
            .Require("measuresTaken", d.MeasuresTaken, "Report.MeasuresTaken")
            .Require("measuresPlanned", d.MeasuresPlanned, "Report.MeasuresPlanned")
            .Require("contactName", d.ContactName, "Report.ContactName")
            .Require("contactPhone", d.ContactPhone, "Report.ContactPhone")
            .MaxLength("contactPhone", d.ContactPhone, 50, "Report.ContactPhone")
            .Check(d.OccurredAt is not null, "occurredAt", Text.Get("Required", Text.Get("Report.OccurredAt")))
            .Check(d.LearnedAt is not null, "learnedAt", Text.Get("Required", Text.Get("Report.LearnedAt")))
            .Check(d.PeopleAffected is not null, "peopleAffected", Text.Get("Required", Text.Get("Report.PeopleAffected")));
        if (!string.IsNullOrWhiteSpace(d.EventTypeCode) && !isKnownEventType(d.EventTypeCode.Trim()))
        {
            v.Add("eventTypeCode", Text.Get("Report.UnknownType", d.EventTypeCode.Trim()));
        }
        if (d.OccurredAt > now + AllowedClockSkew)
        {
            v.Add("occurredAt", Text.Get("Report.InFuture", Text.Get("Report.OccurredAt")));
        }
        if (d.LearnedAt > now + AllowedClockSkew)
        {
            v.Add("learnedAt", Text.Get("Report.InFuture", Text.Get("Report.LearnedAt")));
        }
        if (d.OccurredAt is { } occurred && d.LearnedAt is { } learned && learned < occurred)
        {
            v.Add("learnedAt", Text.Get("Report.LearnedBeforeEvent"));
        }
        v.Count("peopleAffected", d.PeopleAffected, Counts.People)
            .Count("deaths", d.Deaths, Counts.Casualties)
            .Count("injuries", d.Injuries, Counts.Casualties)
            .Count("missing", d.Missing, Counts.Casualties);
        v.Count("areaKm2", d.AreaKm2, Counts.AreaKm2);
        if (d.Latitude is not null != d.Longitude is not null || d.Latitude is < -90 or > 90 || d.Longitude is < -180 or > 180)
        {
            v.Add("latitude", Text.Get("Report.Coordinates"));
        }
        v.ThrowIfInvalid();

        // Stored in UTC whatever offset the reporter's device sent (PostgreSQL takes UTC only; SQLite compares ticks).
        now = now.ToUniversalTime();
        d = d with { OccurredAt = d.OccurredAt!.Value.ToUniversalTime(), LearnedAt = d.LearnedAt!.Value.ToUniversalTime() };
        var id = Guid.NewGuid();
        // A learned-of time a little ahead (reporter's clock) counts as now.
        var learnedAt = d.LearnedAt!.Value > now ? now : d.LearnedAt.Value;
        var deadline = Deadline.Start(policy, learnedAt).Meet(now);
        return new Report
        {
            Id = id,
            EventId = id,
            Kind = DeadlineKind.First,
            UnitId = unitId,
            UnitPath = unitPath,
            ReporterId = reporterId,
            EventTypeCode = d.EventTypeCode!.Trim(),
            OccurredAt = d.OccurredAt!.Value > now ? now : d.OccurredAt.Value,
            LearnedAt = learnedAt,
            ReceivedAt = now,
            Place = d.Place!.Trim(),
            Latitude = d.Latitude,
            Longitude = d.Longitude,
            PeopleAffected = d.PeopleAffected!.Value,
            Deaths = d.Deaths ?? 0,
            Injuries = d.Injuries ?? 0,
            Missing = d.Missing ?? 0,
            AreaKm2 = d.AreaKm2,
            Cause = string.IsNullOrWhiteSpace(d.Cause) ? null : d.Cause.Trim(),
            UnitsInvolved = d.UnitsInvolved!.Trim(),
            MeasuresTaken = d.MeasuresTaken!.Trim(),
            MeasuresPlanned = d.MeasuresPlanned!.Trim(),
            ContactName = d.ContactName!.Trim(),
            ContactPhone = d.ContactPhone!.Trim(),
            DueAt = deadline.DueAt,
            Timeliness = deadline.StateAt(now)!.Value,
            AssessmentDueAt = now + (assessmentPolicy?.Within ?? TimeSpan.FromMinutes(30)),
        };
    }
}
