namespace Beacon.Platform.Deadlines.Domain;

/// <summary>The moment a reporting clock starts from.</summary>
public enum ClockStart
{
    LearnedOf,
    Received,
    Assessed,
    LastFollowUp,
    PeriodDayStart,
    /// <summary>The last situation update of a response (or its activation).</summary>
    LastUpdate,
    /// <summary>The termination of a response.</summary>
    Terminated,
    /// <summary>The issue of a supervision card (督办卡).</summary>
    CardIssued,
}

/// <summary>What a clock is for: a report of the reporting procedure, or a clock another module keeps (a response's update, a card).</summary>
public enum DeadlineKind
{
    First,
    Assessment,
    Upward,
    FollowUp,
    Daily,
    /// <summary>The duty desk's acknowledgement (签收) of a report it received; unacknowledged, it escalates.</summary>
    Receipt,
    /// <summary>A response's situation update (态势更新), due at levels I and II.</summary>
    SituationUpdate,
    /// <summary>The event handling report (事件处置报告) after a response ends.</summary>
    HandlingReport,
    /// <summary>What an overdue matter's supervision card (督办卡) gives before the leader must explain in writing.</summary>
    SupervisionCard,
}

public enum EventLevel
{
    I = 1,
    II = 2,
    III = 3,
    IV = 4,
}

/// <summary>
/// One rule of the procedures as data: a report of <see cref="Kind"/> (for <see cref="Level"/>, or any
/// level when null) is due <see cref="Within"/> after <see cref="From"/>.
/// </summary>
public sealed record DeadlinePolicy(DeadlineKind Kind, EventLevel? Level, ClockStart From, TimeSpan Within)
{
    /// <summary>The defaults of PRODUCT.md section 1; organisations override them per unit subtree.</summary>
    public static IReadOnlyList<DeadlinePolicy> Defaults { get; } =
    [
        new(DeadlineKind.First, null, ClockStart.LearnedOf, TimeSpan.FromMinutes(15)),
        new(DeadlineKind.Assessment, null, ClockStart.Received, TimeSpan.FromMinutes(30)),
        new(DeadlineKind.Upward, EventLevel.I, ClockStart.Assessed, TimeSpan.FromHours(1)),
        new(DeadlineKind.Upward, EventLevel.II, ClockStart.Assessed, TimeSpan.FromHours(2)),
        new(DeadlineKind.Upward, EventLevel.III, ClockStart.Assessed, TimeSpan.FromHours(8)),
        new(DeadlineKind.Upward, EventLevel.IV, ClockStart.Assessed, TimeSpan.FromHours(12)),
        new(DeadlineKind.FollowUp, EventLevel.I, ClockStart.LastFollowUp, TimeSpan.FromMinutes(30)),
        new(DeadlineKind.FollowUp, EventLevel.II, ClockStart.LastFollowUp, TimeSpan.FromMinutes(30)),
        new(DeadlineKind.Daily, null, ClockStart.PeriodDayStart, TimeSpan.FromDays(1)),
        new(DeadlineKind.Receipt, null, ClockStart.Received, TimeSpan.FromMinutes(5)),
        new(DeadlineKind.SituationUpdate, EventLevel.I, ClockStart.LastUpdate, TimeSpan.FromMinutes(30)),
        new(DeadlineKind.SituationUpdate, EventLevel.II, ClockStart.LastUpdate, TimeSpan.FromMinutes(30)),
        new(DeadlineKind.HandlingReport, null, ClockStart.Terminated, TimeSpan.FromHours(24)),
        new(DeadlineKind.SupervisionCard, null, ClockStart.CardIssued, TimeSpan.FromDays(5)),
    ];

    /// <summary>
    /// The rules in force for a unit: the defaults, overridden by each ancestor's overrides from the root
    /// down, so the nearest unit's rule wins.
    /// </summary>
    public static IReadOnlyList<DeadlinePolicy> Resolve(IEnumerable<DeadlinePolicy> defaults, IEnumerable<IEnumerable<DeadlinePolicy>> overridesRootFirst)
    {
        var rules = defaults.ToList();
        foreach (var level in overridesRootFirst)
        {
            foreach (var o in level)
            {
                rules.RemoveAll(r => r.Kind == o.Kind && r.Level == o.Level);
                rules.Add(o);
            }
        }
        return rules;
    }

    /// <summary>The rule for a kind and level: a level-specific rule wins over a general one; null when none applies.</summary>
    public static DeadlinePolicy? For(IEnumerable<DeadlinePolicy> policies, DeadlineKind kind, EventLevel? level)
    {
        var candidates = policies.Where(p => p.Kind == kind).ToList();
        return candidates.FirstOrDefault(p => level is not null && p.Level == level)
            ?? candidates.FirstOrDefault(p => p.Level is null);
    }
}

public enum Timeliness
{
    OnTime,
    Late,
}

/// <summary>A deadline as a report shows it: when it started, when it is due, and how it went.</summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? MetAt)
{
    public static Deadline Start(DeadlinePolicy policy, DateTimeOffset startedAt) => new(policy.Kind, startedAt, startedAt + policy.Within, null);

    public Deadline Meet(DateTimeOffset at) => this with { MetAt = at };

    /// <summary>On time or late once met; before that, late only once the due time has passed.</summary>
    public Timeliness? StateAt(DateTimeOffset now) => MetAt is { } met
        ? met <= DueAt ? Timeliness.OnTime : Timeliness.Late
        : now > DueAt ? Timeliness.Late : null;

    public TimeSpan RemainingAt(DateTimeOffset now) => DueAt - now;
}
