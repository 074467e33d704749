using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

public sealed record ReportResponse(Guid Id, Guid EventId, string Kind, Guid UnitId, string EventTypeCode, DateTimeOffset OccurredAt,
    DateTimeOffset LearnedAt, DateTimeOffset ReceivedAt, string Place, double? Latitude, double? Longitude, int PeopleAffected, int Deaths,
    int Injuries, int Missing, double? AreaKm2, string? Cause, string UnitsInvolved, string MeasuresTaken, string MeasuresPlanned,
    string ContactName, string ContactPhone, DateTimeOffset DueAt, string Timeliness, string? Level, string? AssessmentSummary,
    DateTimeOffset? AssessedAt, DateTimeOffset AssessmentDueAt, string? AssessmentTimeliness, DateTimeOffset? UpwardDueAt,
    int FollowUpCount, DateTimeOffset? ClosedAt)
{
    internal static string? Name(Timeliness? t) => t switch
    {
        Domain.Timeliness.OnTime => "on-time",
        Domain.Timeliness.Late => "late",
        _ => null,
    };

    public static ReportResponse From(Report r) => new(r.Id, r.EventId, r.Kind.ToString().ToLowerInvariant(), r.UnitId, r.EventTypeCode,
        r.OccurredAt, r.LearnedAt, r.ReceivedAt, r.Place, r.Latitude, r.Longitude, r.PeopleAffected, r.Deaths, r.Injuries, r.Missing,
        r.AreaKm2, r.Cause, r.UnitsInvolved, r.MeasuresTaken, r.MeasuresPlanned, r.ContactName, r.ContactPhone, r.DueAt,
        Name(r.Timeliness)!, r.Level?.ToString(), r.AssessmentSummary, r.AssessedAt, r.AssessmentDueAt, Name(r.AssessmentTimeliness), r.UpwardDueAt,
        r.FollowUpCount, r.ClosedAt);
}
