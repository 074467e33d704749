using Beacon.Platform.Common;

namespace Beacon.Reports.Domain;

/// <summary>
/// An upper unit pushes a report down to a lower unit (通报). The lower unit sees the report through the
/// circulation, even when the event lies outside its own subtree, and acknowledges it.
/// </summary>
public sealed class Circulation : IUnitScoped
{
    private Circulation()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid FromUnitId { get; private set; }
    /// <summary>The receiving unit; the circulation is visible in its subtree.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? Note { get; private set; }
    public Guid SentBy { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedBy { get; private set; }

    /// <summary>One circulation per target; each must lie strictly below the sending unit.</summary>
    public static List<Circulation> Send(Guid reportId, Guid fromUnitId, string fromPath, IReadOnlyCollection<(Guid Id, string Path)> targets,
        string? note, Guid sentBy, DateTimeOffset now)
    {
        var v = new Validator()
            .Check(targets.Count > 0, "unitIds", Text.Get("Circulation.NoUnits"))
            .MaxLength("note", note, 2000, "Circulation.Note");
        if (targets.Any(t => t.Path == fromPath || !t.Path.StartsWith(fromPath, StringComparison.Ordinal)))
        {
            v.Add("unitIds", Text.Get("Circulation.NotBelow"));
        }
        v.ThrowIfInvalid();
        return targets.DistinctBy(t => t.Id).Select(t => new Circulation
        {
            Id = Guid.NewGuid(),
            ReportId = reportId,
            FromUnitId = fromUnitId,
            UnitId = t.Id,
            UnitPath = t.Path,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            SentBy = sentBy,
            SentAt = now.ToUniversalTime(),
        }).ToList();
    }

    /// <summary>By a member of the receiving unit; the first acknowledgement counts.</summary>
    public bool Acknowledge(Guid userId, Guid userUnitId, DateTimeOffset now)
    {
        if (userUnitId != UnitId)
        {
            throw new ForbiddenException(Text.Get("Circulation.NotRecipient"));
        }
        if (AcknowledgedAt is not null)
        {
            return false;
        }
        AcknowledgedAt = now.ToUniversalTime();
        AcknowledgedBy = userId;
        return true;
    }
}

/// <summary>A deadline rule stored for a unit's subtree, overriding the defaults (and those of units above).</summary>
public sealed class DeadlineOverride : IUnitScoped
{
    private DeadlineOverride()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public ReportKind Kind { get; private set; }
    public EventLevel? Level { get; private set; }
    public int WithinMinutes { get; private set; }

    public DeadlinePolicy ToPolicy() => DeadlinePolicy.Defaults.First(d => d.Kind == Kind && (d.Level == Level || d.Level is null)) with
    {
        Level = Level,
        Within = TimeSpan.FromMinutes(WithinMinutes),
    };

    /// <summary>A kind that has a default clock, a level only where that kind is graded, and 1 minute to 31 days.</summary>
    public static DeadlineOverride Create(Guid unitId, string unitPath, string? kind, int? level, int? withinMinutes)
    {
        var v = new Validator();
        ReportKind parsed = default;
        if (!Enum.TryParse(kind, ignoreCase: true, out parsed) || DeadlinePolicy.Defaults.All(d => d.Kind != parsed))
        {
            v.Add("kind", Text.Get("Policy.Kind", string.Join(", ", DeadlinePolicy.Defaults.Select(d => d.Kind).Distinct())));
        }
        else if (level is not null && (level is not (>= 1 and <= 4) || DeadlinePolicy.Defaults.All(d => d.Kind != parsed || d.Level != (EventLevel)level)))
        {
            v.Add("level", Text.Get("Policy.Level"));
        }
        else if (level is null && DeadlinePolicy.Defaults.All(d => d.Kind != parsed || d.Level is not null))
        {
            v.Add("level", Text.Get("Policy.LevelRequired"));
        }
        v.Check(withinMinutes is >= 1 and <= 31 * 24 * 60, "withinMinutes", Text.Get("Policy.Within"));
        v.ThrowIfInvalid();
        return new DeadlineOverride
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            UnitPath = unitPath,
            Kind = parsed,
            Level = level is { } l ? (EventLevel)l : null,
            WithinMinutes = withinMinutes!.Value,
        };
    }
}
