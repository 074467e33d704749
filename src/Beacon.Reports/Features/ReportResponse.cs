using System.Text.Json.Serialization;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

public sealed record ReportResponse(Guid Id, Guid EventId, string Kind, Guid UnitId, string EventTypeCode, DateTimeOffset OccurredAt,
    DateTimeOffset LearnedAt, DateTimeOffset ReceivedAt, string Place, double? Latitude, double? Longitude, int PeopleAffected, int Deaths,
    int Injuries, int Missing, double? AreaKm2, string? Cause, string UnitsInvolved, string MeasuresTaken, string MeasuresPlanned,
    string ContactName, string ContactPhone, DateTimeOffset DueAt, string Timeliness, string? Level, string? AssessmentSummary,
    DateTimeOffset? AssessedAt, DateTimeOffset AssessmentDueAt, string? AssessmentTimeliness, DateTimeOffset? UpwardDueAt,
    int FollowUpCount, DateTimeOffset? ClosedAt, IReadOnlyList<DeadlineState>? Deadlines = null)
{
    internal static string? Name(Timeliness? t) => t switch
    {
        Platform.Deadlines.Domain.Timeliness.OnTime => "on-time",
        Platform.Deadlines.Domain.Timeliness.Late => "late",
        _ => null,
    };

    /// <summary>The wire name back as the value, for pages that compare it (null when there is none).</summary>
    internal static Timeliness? Parse(string? name) => name switch
    {
        "on-time" => Platform.Deadlines.Domain.Timeliness.OnTime,
        "late" => Platform.Deadlines.Domain.Timeliness.Late,
        _ => null,
    };

    /// <summary>How the first report kept its clock; the JSON carries the name only.</summary>
    [JsonIgnore]
    public Timeliness? TimelinessValue => Parse(Timeliness);

    /// <summary>How the assessment kept its clock; the JSON carries the name only.</summary>
    [JsonIgnore]
    public Timeliness? AssessmentTimelinessValue => Parse(AssessmentTimeliness);

    public static ReportResponse From(Report r) => new(r.Id, r.EventId, r.Kind.ToString().ToLowerInvariant(), r.UnitId, r.EventTypeCode,
        r.OccurredAt, r.LearnedAt, r.ReceivedAt, r.Place, r.Latitude, r.Longitude, r.PeopleAffected, r.Deaths, r.Injuries, r.Missing,
        r.AreaKm2, r.Cause, r.UnitsInvolved, r.MeasuresTaken, r.MeasuresPlanned, r.ContactName, r.ContactPhone, r.DueAt,
        Name(r.Timeliness)!, r.Level?.ToString(), r.AssessmentSummary, r.AssessedAt, r.AssessmentDueAt, Name(r.AssessmentTimeliness), r.UpwardDueAt,
        r.FollowUpCount, r.ClosedAt);
}

/// <summary>One clock of an event as the report page shows it: what, whose, when due, and how it went.</summary>
public sealed record DeadlineState(string Kind, Guid UnitId, DateTimeOffset DueAt, DateTimeOffset? MetAt, string State, string? Timeliness)
{
    /// <summary>The first-report and assessment clocks of the report, then every follow-up and hand-over clock of the event.</summary>
    public static List<DeadlineState> Of(Report r, IEnumerable<ReportObligation> obligations, DateTimeOffset now)
    {
        var list = new List<DeadlineState>
        {
            new("first", r.UnitId, r.DueAt, r.ReceivedAt, "met", ReportResponse.Name(r.Timeliness)),
            new("assessment", r.UnitId, r.AssessmentDueAt, r.AssessedAt, r.AssessedAt is null ? (now > r.AssessmentDueAt ? "overdue" : "open") : "met",
                ReportResponse.Name(r.AssessmentTimeliness)),
        };
        list.AddRange(obligations.OrderBy(o => o.DueAt).Select(o => new DeadlineState(o.Kind.ToString().ToLowerInvariant() switch
        {
            "followup" => "follow-up",
            var k => k,
        }, o.UnitId, o.DueAt, o.MetAt, o.State.ToString().ToLowerInvariant(), ReportResponse.Name(o.Timeliness))));
        return list;
    }
}
