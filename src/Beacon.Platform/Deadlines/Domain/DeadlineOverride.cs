using Beacon.Platform.Common;

namespace Beacon.Platform.Deadlines.Domain;

/// <summary>A deadline rule stored for a unit's subtree, overriding the defaults (and those of units above).</summary>
public sealed class DeadlineOverride : IUnitScoped
{
    private DeadlineOverride()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public DeadlineKind Kind { get; private set; }
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
        DeadlineKind parsed = default;
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
