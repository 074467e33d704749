using Beacon.Platform.Common;

namespace Beacon.Responses.Domain;

/// <summary>A working group of the command post (现场指挥部): its lead unit and the units that serve in it.</summary>
public sealed record PlanGroup(string Code, string NameZh, string? NameEn, Guid? LeadUnitId, IReadOnlyList<Guid> MemberUnitIds);

/// <summary>
/// A measure of the plan's checklist: the level from which it applies, the group that carries it out, and
/// how many minutes after activation it is due.
/// </summary>
public sealed record PlanMeasure(int Level, string Title, string GroupCode, int TargetMinutes);

/// <summary>
/// An office's response plan (预案) for one event type: the groups its command post opens with and the
/// measures that become tasks when a response is activated.
/// </summary>
public sealed class ResponsePlan : IUnitScoped
{
    public const int MaxMeasures = 200;
    public const int MaxTargetMinutes = 7 * 24 * 60;

    // Not readonly: the store sets them when it loads the plan.
    private List<PlanGroup> _groups = [];
    private List<PlanMeasure> _measures = [];

    private ResponsePlan()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string EventTypeCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<PlanGroup> Groups => _groups;
    public IReadOnlyList<PlanMeasure> Measures => _measures;
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid UpdatedBy { get; private set; }

    /// <summary>The command post's groups when no plan configures them (PRODUCT.md section 3).</summary>
    public static IReadOnlyList<PlanGroup> DefaultGroups() =>
    [
        new("coordination", "综合协调", "Coordination", null, []),
        new("onsite", "现场处置", "On-site handling", null, []),
        new("information", "信息发布", "Public information", null, []),
        new("logistics", "后勤保障", "Logistics", null, []),
    ];

    public static ResponsePlan Create(Guid unitId, string unitPath, string? eventTypeCode, string? name, IReadOnlyList<PlanGroup>? groups,
        IReadOnlyList<PlanMeasure>? measures, Guid by, DateTimeOffset now)
    {
        groups ??= DefaultGroups();
        measures ??= [];
        Check(name, groups, measures).Require("eventTypeCode", eventTypeCode, "Label.EventType").ThrowIfInvalid();
        var plan = new ResponsePlan
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            UnitPath = unitPath,
            EventTypeCode = eventTypeCode!.Trim(),
            Revision = 1,
        };
        plan.Apply(name!, groups, measures, by, now);
        return plan;
    }

    /// <summary>Replaces name, groups and measures; responses already activated keep the groups they started with.</summary>
    public void Revise(string? name, IReadOnlyList<PlanGroup> groups, IReadOnlyList<PlanMeasure> measures, Guid by, DateTimeOffset now,
        int expectedRevision)
    {
        if (expectedRevision != Revision)
        {
            throw new ConflictException(Text.Get("Response.PlanStale"), "revision");
        }
        Check(name, groups, measures).ThrowIfInvalid();
        Apply(name!, groups, measures, by, now);
        Revision++;
    }

    /// <summary>
    /// The measures of a response at this level: those of the level and of every lower one, as plans write
    /// "on the basis of the level III response" (在III级响应基础上).
    /// </summary>
    public IReadOnlyList<PlanMeasure> MeasuresFor(int level) => _measures.Where(m => m.Level >= level).ToList();

    private void Apply(string name, IReadOnlyList<PlanGroup> groups, IReadOnlyList<PlanMeasure> measures, Guid by, DateTimeOffset now)
    {
        Name = name.Trim();
        _groups = groups.Select(g => new PlanGroup(g.Code.Trim(), g.NameZh.Trim(), string.IsNullOrWhiteSpace(g.NameEn) ? null : g.NameEn.Trim(),
            g.LeadUnitId, g.MemberUnitIds.Distinct().ToList())).ToList();
        // A measure names its group as the group itself is spelt, whatever case the author typed.
        _measures = measures.Select(m => m with
        {
            Title = m.Title.Trim(),
            GroupCode = _groups.First(g => string.Equals(g.Code, m.GroupCode.Trim(), StringComparison.OrdinalIgnoreCase)).Code,
        }).ToList();
        UpdatedAt = now.ToUniversalTime();
        UpdatedBy = by;
    }

    private static Validator Check(string? name, IReadOnlyList<PlanGroup> groups, IReadOnlyList<PlanMeasure> measures)
    {
        var v = new Validator()
            .Require("name", name, "Label.Name")
            .MaxLength("name", name, 200, "Label.Name")
            .Check(groups.Count > 0, "groups", Text.Get("Response.NoGroups"))
            .Check(measures.Count <= MaxMeasures, "measures", Text.Get("Response.TooManyMeasures", MaxMeasures));
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var code = g.Code?.Trim();
            v.Require($"groups[{i}].code", code, "Label.Code")
                .MaxLength($"groups[{i}].code", code, 40, "Label.Code")
                .Require($"groups[{i}].nameZh", g.NameZh, "Label.NameZh")
                .MaxLength($"groups[{i}].nameZh", g.NameZh?.Trim(), 100, "Label.NameZh")
                .MaxLength($"groups[{i}].nameEn", g.NameEn?.Trim(), 100, "Label.NameEn");
            if (!string.IsNullOrEmpty(code) && !codes.Add(code))
            {
                v.Add($"groups[{i}].code", Text.Get("Response.DuplicateGroup", code));
            }
        }
        for (var i = 0; i < measures.Count; i++)
        {
            var m = measures[i];
            v.Check(m.Level is >= 1 and <= 4, $"measures[{i}].level", Text.Get("Response.Level"))
                .Require($"measures[{i}].title", m.Title, "Label.Title")
                .MaxLength($"measures[{i}].title", m.Title?.Trim(), 300, "Label.Title")
                .Check(m.TargetMinutes is >= 1 and <= MaxTargetMinutes, $"measures[{i}].targetMinutes",
                    Text.Get("Response.TargetMinutes", MaxTargetMinutes));
            if (string.IsNullOrWhiteSpace(m.GroupCode) || !codes.Contains(m.GroupCode.Trim()))
            {
                v.Add($"measures[{i}].groupCode", Text.Get("Response.UnknownGroup", m.GroupCode));
            }
        }
        return v;
    }
}
