using Beacon.Platform.Common;

namespace Beacon.Reports.Domain;

/// <summary>An event type or category of the taxonomy. Codes are stable; names may be edited.</summary>
public sealed class EventType
{
    private EventType()
    {
    }

    public string Code { get; private set; } = "";
    public string? ParentCode { get; private set; }
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public int SortOrder { get; private set; }

    public bool IsCategory => ParentCode is null;

    public static EventType Create(string code, string? parentCode, string nameZh, string nameEn, int sortOrder) =>
        new() { Code = code, ParentCode = parentCode, NameZh = nameZh, NameEn = nameEn, SortOrder = sortOrder };

    /// <summary>
    /// Adds a category (no parent, code without a dot) or a type of a category (code "category.type"). Codes
    /// are lower-case letters, digits and '-', unique, and never change once given.
    /// </summary>
    public static EventType Define(string? code, string? parentCode, string? nameZh, string? nameEn, int? sortOrder,
        IReadOnlyCollection<EventType> existing)
    {
        code = code?.Trim();
        parentCode = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim();
        var v = new Validator()
            .Require("code", code, "Taxonomy.Code")
            .MaxLength("code", code, 64, "Taxonomy.Code");
        Names(v, nameZh, nameEn);
        if (!string.IsNullOrEmpty(code))
        {
            var part = "[a-z0-9]+(-[a-z0-9]+)*";
            if (parentCode is null && !System.Text.RegularExpressions.Regex.IsMatch(code, $"^{part}$"))
            {
                v.Add("code", Text.Get("Taxonomy.CategoryCode"));
            }
            else if (parentCode is not null && !System.Text.RegularExpressions.Regex.IsMatch(code, $"^{System.Text.RegularExpressions.Regex.Escape(parentCode)}\\.{part}$"))
            {
                v.Add("code", Text.Get("Taxonomy.TypeCode", parentCode));
            }
            if (existing.Any(t => t.Code == code))
            {
                v.Add("code", Text.Get("Taxonomy.CodeTaken", code));
            }
        }
        if (parentCode is not null && !existing.Any(t => t.Code == parentCode && t.IsCategory))
        {
            v.Add("parentCode", Text.Get("Taxonomy.NoCategory", parentCode));
        }
        v.ThrowIfInvalid();
        return new EventType
        {
            Code = code!,
            ParentCode = parentCode,
            NameZh = nameZh!.Trim(),
            NameEn = nameEn!.Trim(),
            SortOrder = sortOrder ?? (existing.Count == 0 ? 0 : existing.Max(t => t.SortOrder) + 1),
        };
    }

    /// <summary>Renames, reorders or retires a type; a retired type takes no new reports, its old ones keep it.</summary>
    public void Edit(string? nameZh, string? nameEn, bool? isActive, int? sortOrder)
    {
        var v = new Validator();
        Names(v, nameZh, nameEn);
        v.ThrowIfInvalid();
        NameZh = nameZh!.Trim();
        NameEn = nameEn!.Trim();
        IsActive = isActive ?? IsActive;
        SortOrder = sortOrder ?? SortOrder;
    }

    private static void Names(Validator v, string? nameZh, string? nameEn) => v
        .Require("nameZh", nameZh, "Taxonomy.NameZh").MaxLength("nameZh", nameZh, 100, "Taxonomy.NameZh")
        .Require("nameEn", nameEn, "Taxonomy.NameEn").MaxLength("nameEn", nameEn, 100, "Taxonomy.NameEn");
}

/// <summary>The default taxonomy, after the national classification of public emergencies.</summary>
public static class EventTaxonomy
{
    public static IReadOnlyList<EventType> Defaults { get; } = Build();

    private static List<EventType> Build()
    {
        (string Code, string Zh, string En, (string Code, string Zh, string En)[] Types)[] tree =
        [
            ("natural", "自然灾害", "Natural disaster",
            [
                ("natural.flood", "洪涝灾害", "Flood"), ("natural.drought", "干旱灾害", "Drought"),
                ("natural.earthquake", "地震灾害", "Earthquake"), ("natural.geological", "地质灾害", "Geological hazard"),
                ("natural.meteorological", "气象灾害", "Meteorological hazard"), ("natural.forest-fire", "森林草原火灾", "Forest or grassland fire"),
            ]),
            ("accident", "事故灾难", "Accident",
            [
                ("accident.production-safety", "安全生产事故", "Production safety accident"), ("accident.fire", "火灾事故", "Fire"),
                ("accident.road-traffic", "道路交通事故", "Road traffic accident"), ("accident.hazardous-chemicals", "危险化学品事故", "Hazardous chemicals accident"),
                ("accident.special-equipment", "特种设备事故", "Special equipment accident"), ("accident.utilities", "城市生命线事故", "Utilities failure"),
            ]),
            ("health", "公共卫生事件", "Public health",
            [
                ("health.infectious-disease", "传染病疫情", "Infectious disease"), ("health.food-safety", "食品安全事件", "Food safety"),
                ("health.occupational-poisoning", "职业中毒", "Occupational poisoning"),
            ]),
            ("social", "社会安全事件", "Social safety",
            [
                ("social.violent-crime", "暴力犯罪", "Violent crime"), ("social.terrorist-attack", "恐怖袭击", "Terrorist attack"),
                ("social.crowd-safety", "大型活动人群安全", "Crowd safety at a large event"), ("social.fraud", "诈骗", "Fraud"),
            ]),
            ("cyber", "网络安全事件", "Cyber security",
            [
                ("cyber.attack", "网络攻击", "Cyber attack"), ("cyber.outage", "系统中断", "System outage"), ("cyber.data-leak", "数据泄露", "Data leak"),
            ]),
            ("information", "公共信息事件", "Public information",
            [
                ("information.rumour", "涉事谣言", "Rumour about an event"), ("information.reputation", "声誉危机", "Reputation crisis"),
            ]),
        ];
        var list = new List<EventType>();
        var order = 0;
        foreach (var (code, zh, en, types) in tree)
        {
            list.Add(EventType.Create(code, null, zh, en, order++));
            foreach (var t in types)
            {
                list.Add(EventType.Create(t.Code, code, t.Zh, t.En, order++));
            }
        }
        return list;
    }
}
