using Beacon.Platform.Common;

namespace Beacon.Reports.Domain;

/// <summary>
/// How far up the tree an event must travel by its level (province = depth 0): I and II to the province,
/// III to the city, IV to the county. Each unit on the way hands it to its parent within the level's clock.
/// </summary>
public static class UpwardRoute
{
    public static int TargetDepth(EventLevel level) => level switch
    {
        EventLevel.I or EventLevel.II => 0,
        EventLevel.III => 1,
        _ => 2,
    };

    public static int Depth(string unitPath) => unitPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Length - 1;

    /// <summary>Whether a unit at this path still owes the event to the level above.</summary>
    public static bool MustGoOn(string unitPath, EventLevel level) => Depth(unitPath) > TargetDepth(level);
}

/// <summary>One hand-over of an event to the unit above (上报), timed against the clock of the unit that passed it on.</summary>
public sealed class UpwardHop : IUnitScoped
{
    private UpwardHop()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid FromUnitId { get; private set; }
    public Guid ToUnitId { get; private set; }
    /// <summary>The event's path, so whoever sees the event sees how it travelled.</summary>
    public string UnitPath { get; private set; } = "";
    public string? Note { get; private set; }
    public Guid SentBy { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public Timeliness? Timeliness { get; private set; }

    /// <summary>Hands the assessed event from a unit to its parent; the unit must still owe it upward.</summary>
    public static UpwardHop Send(Report ev, Guid fromUnitId, string fromPath, Guid toUnitId, string? note, Guid sentBy, DateTimeOffset now,
        ReportObligation? due)
    {
        if (ev.Level is not { } level)
        {
            throw new DomainException(Text.Get("Report.NotAssessed"));
        }
        if (!UpwardRoute.MustGoOn(fromPath, level))
        {
            throw new DomainException(Text.Get("Report.HighEnough", level));
        }
        new Validator().MaxLength("note", note, 2000, "Circulation.Note").ThrowIfInvalid();
        var hop = new UpwardHop
        {
            Id = Guid.NewGuid(),
            ReportId = ev.Id,
            FromUnitId = fromUnitId,
            ToUnitId = toUnitId,
            UnitPath = ev.UnitPath,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            SentBy = sentBy,
            SentAt = now.ToUniversalTime(),
        };
        if (due is not null)
        {
            due.Meet(hop.Id, hop.SentAt);
            hop.DueAt = due.DueAt;
            hop.Timeliness = due.Timeliness;
        }
        return hop;
    }
}
