namespace Beacon.Responses.Reporting;

/// <summary>
/// What the event handling report (事件处置报告) is drafted from: the response's record, already read and
/// labelled in Chinese by the caller. Times are stored as instants and shown in the model's time zone.
/// </summary>
public sealed record HandlingReportModel(
    string OrganisationName,
    string Title,
    string EventType,
    string Place,
    string Scope,
    string CommanderName,
    DateTimeOffset ActivatedAt,
    DateTimeOffset? TerminatedAt,
    string? TerminationCondition,
    IReadOnlyList<LevelRow> Levels,
    IReadOnlyList<TimelineRow> Timeline,
    IReadOnlyList<TaskRow> Tasks,
    IReadOnlyList<WarningRow> Warnings,
    IReadOnlyList<string> Resources,
    IReadOnlyList<DeadlineRow> Deadlines,
    TimeZoneInfo TimeZone,
    DateTimeOffset GeneratedAt);

public sealed record LevelRow(DateTimeOffset At, string Level, string DecidedBy, string? Reason);

public sealed record TimelineRow(DateTimeOffset At, string Kind, string Text, string? By);

public sealed record TaskRow(
    string Group,
    string Title,
    string? Assignee,
    DateTimeOffset DueAt,
    string State,
    DateTimeOffset? DoneAt,
    bool Overdue);

public sealed record WarningRow(DateTimeOffset? At, string Colour, string Headline, string State);

public sealed record DeadlineRow(string Kind, DateTimeOffset DueAt, DateTimeOffset? MetAt, string Outcome);
