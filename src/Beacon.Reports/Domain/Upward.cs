using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

/// <summary>
/// How far up the tree an event must travel by its level: I and II to the province, III to the city, IV to
/// the county, or to the root when the tree starts lower (a city-only installation). Each unit on the way
/// hands it to its parent within the level's clock.
/// </summary>
public static class UpwardRoute
{
    public static int TargetRank(EventLevel level) => level switch
    {
        EventLevel.I or EventLevel.II => 0,
        EventLevel.III => 1,
        _ => 2,
    };

    /// <summary>Administrative rank of the last unit of a chain (root first): province 0 … village 4; a department or enterprise ranks below its parent.</summary>
    public static int Rank(IReadOnlyList<Beacon.Platform.Units.Domain.UnitKind> chainRootFirst)
    {
        var rank = -1;
        foreach (var kind in chainRootFirst)
        {
            rank = kind switch
            {
                Beacon.Platform.Units.Domain.UnitKind.Province => 0,
                Beacon.Platform.Units.Domain.UnitKind.City => 1,
                Beacon.Platform.Units.Domain.UnitKind.County => 2,
                Beacon.Platform.Units.Domain.UnitKind.Township => 3,
                Beacon.Platform.Units.Domain.UnitKind.Village => 4,
                _ => rank + 1,
            };
        }
        return rank;
    }

    /// <summary>Whether the last unit of the chain still owes the event to its parent.</summary>
    public static bool MustGoOn(IReadOnlyList<Beacon.Platform.Units.Domain.UnitKind> chainRootFirst, EventLevel level) =>
        chainRootFirst.Count > 1 && Rank(chainRootFirst) > TargetRank(level);
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

    /// <summary>Hands the assessed event from a unit to its parent; the unit (its chain of kinds, root first) must still owe it upward.</summary>
    public static UpwardHop Send(Report ev, Guid fromUnitId, IReadOnlyList<Beacon.Platform.Units.Domain.UnitKind> fromChain, Guid toUnitId, string? note,
        Guid sentBy, DateTimeOffset now, ReportObligation? due)
    {
        if (ev.Level is not { } level)
        {
            throw new DomainException(Text.Get("Report.NotAssessed"));
        }
        if (!UpwardRoute.MustGoOn(fromChain, level))
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
