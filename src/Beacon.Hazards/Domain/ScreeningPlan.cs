using Beacon.Platform.Common;

namespace Beacon.Hazards.Domain;

/// <summary>Comprehensive screenings run every quarter, special ones every month; ad hoc ones once.</summary>
public enum ScreeningKind
{
    Comprehensive,
    Special,
    AdHoc,
}

/// <summary>What an office gives to plan a screening; the scope units come with their paths to check the subtree.</summary>
public sealed record ScreeningPlanInput(
    Guid UnitId,
    string UnitPath,
    ScreeningKind Kind,
    string? Title,
    IReadOnlyList<string>? Domains,
    IReadOnlyCollection<(Guid Id, string Path)>? ScopeUnits,
    IReadOnlyList<Guid>? OwnerIds,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    bool Recurring = false);

/// <summary>Units in scope, how many of them filed their result, and those that did not.</summary>
public sealed record Coverage(int InScope, int Filed, IReadOnlyList<Guid> Missing);

/// <summary>
/// A screening plan (排查计划) of an office: which units of its subtree screen which domains between two local
/// days, and who owns it. A recurring plan begets the next period's plan once its own period has ended.
/// </summary>
public sealed class ScreeningPlan : IUnitScoped
{
    public const int MaxTitle = 200;
    public const int MaxDomain = 40;

    // Not readonly: the store sets them when it loads the plan.
    private List<string> _domains = [];
    private List<Guid> _scopeUnitIds = [];
    private List<Guid> _ownerIds = [];

    private ScreeningPlan()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The office that plans the screening.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public ScreeningKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<string> Domains => _domains;
    public IReadOnlyList<Guid> ScopeUnitIds => _scopeUnitIds;
    public IReadOnlyList<Guid> OwnerIds => _ownerIds;
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    /// <summary>The plan this one was generated from, for a recurring series.</summary>
    public Guid? RecurrenceOf { get; private set; }
    public bool Recurring { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Revision { get; private set; }

    public static ScreeningPlan Create(ScreeningPlanInput input, Guid by, DateTimeOffset now)
    {
        var domains = (input.Domains ?? []).Select(d => d?.Trim() ?? "").ToList();
        var scope = input.ScopeUnits ?? [];
        var owners = (input.OwnerIds ?? []).Where(id => id != Guid.Empty).Distinct().ToList();
        var v = new Validator()
            .Check(Enum.IsDefined(input.Kind), "kind", Text.Get("Hazard.Kind"))
            .Require("title", input.Title, "Label.Title")
            .MaxLength("title", input.Title?.Trim(), MaxTitle, "Label.Title")
            .Check(domains.Count > 0, "domains", Text.Get("Hazard.NoDomains"))
            .Check(scope.Count > 0, "scopeUnitIds", Text.Get("Hazard.NoScope"))
            .Check(owners.Count > 0, "ownerIds", Text.Get("Hazard.NoOwners"))
            .Check(input.StartsOn is not null, "startsOn", Text.Get("Required", Text.Get("Hazard.StartsOn")))
            .Check(input.EndsOn is not null, "endsOn", Text.Get("Required", Text.Get("Hazard.EndsOn")))
            .Check(!input.Recurring || input.Kind is ScreeningKind.Comprehensive or ScreeningKind.Special, "recurring",
                Text.Get("Hazard.AdHocRecurs"));
        for (var i = 0; i < domains.Count; i++)
        {
            v.Require($"domains[{i}]", domains[i], "Hazard.Domain")
                .MaxLength($"domains[{i}]", domains[i], MaxDomain, "Hazard.Domain");
        }
        if (scope.Any(u => u.Id == Guid.Empty || u.Path is null || !u.Path.StartsWith(input.UnitPath, StringComparison.Ordinal)))
        {
            v.Add("scopeUnitIds", Text.Get("Hazard.ScopeOutside"));
        }
        if (input.StartsOn is { } s && input.EndsOn is { } e)
        {
            v.Check(e >= s, "endsOn", Text.Get("Hazard.EndBeforeStart"));
        }
        v.ThrowIfInvalid();

        var plan = new ScreeningPlan
        {
            Id = Guid.NewGuid(),
            UnitId = input.UnitId,
            UnitPath = input.UnitPath,
            Kind = input.Kind,
            Title = input.Title!.Trim(),
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn!.Value,
            Recurring = input.Recurring,
            CreatedBy = by,
            CreatedAt = now.ToUniversalTime(),
            Revision = 1,
        };
        plan._domains = domains.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        plan._scopeUnitIds = scope.Select(u => u.Id).Distinct().ToList();
        plan._ownerIds = owners;
        return plan;
    }

    /// <summary>
    /// The period after the one containing <paramref name="after"/>: the next calendar quarter for a comprehensive
    /// screening, the next calendar month for a special one.
    /// </summary>
    public static (DateOnly Start, DateOnly End) NextPeriod(ScreeningKind kind, DateOnly after)
    {
        switch (kind)
        {
            case ScreeningKind.Comprehensive:
                var quarter = new DateOnly(after.Year, (after.Month - 1) / 3 * 3 + 1, 1).AddMonths(3);
                return (quarter, quarter.AddMonths(3).AddDays(-1));
            case ScreeningKind.Special:
                var month = new DateOnly(after.Year, after.Month, 1).AddMonths(1);
                return (month, month.AddMonths(1).AddDays(-1));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only comprehensive and special screenings recur.");
        }
    }

    /// <summary>The period's name as it ends a generated plan's title: "2026年第4季度", "2026年12月".</summary>
    public static string PeriodName(ScreeningKind kind, DateOnly start) => kind switch
    {
        ScreeningKind.Comprehensive => $"{start.Year}年第{(start.Month - 1) / 3 + 1}季度",
        ScreeningKind.Special => $"{start.Year}年{start.Month}月",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only comprehensive and special screenings recur."),
    };

    /// <summary>
    /// For the schedule: once this recurring plan's period has ended, the plan of the period under way (same office,
    /// scope, domains and owners), or null. The sweep asks once per plan; a unique index on RecurrenceOf keeps a
    /// second generation out.
    /// </summary>
    public ScreeningPlan? NextOccurrence(DateOnly today, Guid by, DateTimeOffset now)
    {
        if (!Recurring || today <= EndsOn)
        {
            return null;
        }
        var (start, end) = NextPeriod(Kind, EndsOn);
        // After a long stop the schedule resumes with the period under way, not with periods already past.
        while (end < today)
        {
            (start, end) = NextPeriod(Kind, end);
        }
        var own = $"（{PeriodName(Kind, StartsOn)}）";
        var title = RecurrenceOf is not null && Title.EndsWith(own, StringComparison.Ordinal) ? Title[..^own.Length] : Title;
        var suffix = $"（{PeriodName(Kind, start)}）";
        if (title.Length + suffix.Length > MaxTitle)
        {
            title = title[..(MaxTitle - suffix.Length)];
        }
        return new ScreeningPlan
        {
            Id = Guid.NewGuid(),
            UnitId = UnitId,
            UnitPath = UnitPath,
            Kind = Kind,
            Title = title + suffix,
            _domains = [.. _domains],
            _scopeUnitIds = [.. _scopeUnitIds],
            _ownerIds = [.. _ownerIds],
            StartsOn = start,
            EndsOn = end,
            RecurrenceOf = Id,
            Recurring = true,
            CreatedBy = by,
            CreatedAt = now.ToUniversalTime(),
            Revision = 1,
        };
    }

    /// <summary>Ends the series: no further plan is generated from this one.</summary>
    public void StopRecurring()
    {
        if (!Recurring)
        {
            return;
        }
        Recurring = false;
        Revision++;
    }
}

/// <summary>A unit's filed result (排查结果) for a screening plan. It carries the filing unit's scope.</summary>
public sealed class ScreeningResult : IUnitScoped
{
    public const int MaxNote = 2000;

    private ScreeningResult()
    {
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid FiledBy { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public int HazardsFound { get; private set; }
    public string? Note { get; private set; }
    /// <summary>Filed on a local day after the plan's end: taken, but marked.</summary>
    public bool Late { get; private set; }

    /// <summary>Files the unit's result; not before the plan starts (local day), late allowed and marked.</summary>
    public static ScreeningResult File(ScreeningPlan plan, Guid unitId, string unitPath, int hazardsFound, string? note, Guid by,
        DateTimeOffset now, TimeZoneInfo zone)
    {
        new Validator()
            .Count("hazardsFound", hazardsFound, Counts.Tally)
            .MaxLength("note", note?.Trim(), MaxNote, "Label.Note")
            .ThrowIfInvalid();
        if (!plan.ScopeUnitIds.Contains(unitId))
        {
            throw new DomainException(Text.Get("Hazard.NotInPlanScope"), "unitId");
        }
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (day < plan.StartsOn)
        {
            throw new DomainException(Text.Get("Hazard.PlanNotStarted", plan.StartsOn), "planId");
        }
        return new ScreeningResult
        {
            Id = Guid.NewGuid(),
            PlanId = plan.Id,
            UnitId = unitId,
            UnitPath = unitPath,
            FiledBy = by,
            FiledAt = now.ToUniversalTime(),
            HazardsFound = hazardsFound,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Late = day > plan.EndsOn,
        };
    }

    /// <summary>Coverage of a plan: results of units outside the scope, or a unit's second result, do not count.</summary>
    public static Coverage Coverage(IReadOnlyCollection<Guid> scopeUnitIds, IEnumerable<ScreeningResult> results)
    {
        var filed = results.Select(r => r.UnitId).ToHashSet();
        var inScope = scopeUnitIds.Distinct().ToList();
        var missing = inScope.Where(id => !filed.Contains(id)).ToList();
        return new Coverage(inScope.Count, inScope.Count - missing.Count, missing);
    }
}

/// <summary>A unit in a plan's scope: its people read the plan and file its result, though the plan belongs to the office above.</summary>
public sealed class ScreeningScope
{
    private ScreeningScope()
    {
    }

    public Guid PlanId { get; private set; }
    public Guid UnitId { get; private set; }

    public static ScreeningScope Of(Guid planId, Guid unitId) => new() { PlanId = planId, UnitId = unitId };
}
