using Beacon.Platform.Common;

namespace Beacon.Platform.Units.Domain;

/// <summary>Which kind of unit may hang under which: the administrative levels go one step at a time.</summary>
public static class UnitRules
{
    private static readonly UnitKind[] Administrative =
        [UnitKind.Province, UnitKind.City, UnitKind.County, UnitKind.Township, UnitKind.Village];

    public static bool IsAdministrative(UnitKind kind) => Array.IndexOf(Administrative, kind) >= 0;

    /// <summary>Returns null when allowed, otherwise the reason in plain words.</summary>
    public static string? WhyCannotHang(UnitKind child, UnitKind? parent)
    {
        if (parent is null)
        {
            // An installation may start at any administrative level (a city-only deployment is common).
            return IsAdministrative(child) ? null : $"A {Describe(child)} must be attached to a parent unit.";
        }
        if (!IsAdministrative(child))
        {
            return null; // departments and enterprises attach to any node
        }
        if (!IsAdministrative(parent.Value))
        {
            return $"A {Describe(child)} cannot be placed under a {Describe(parent.Value)}.";
        }
        var expected = Array.IndexOf(Administrative, child) - 1;
        return expected >= 0 && Administrative[expected] == parent.Value
            ? null
            : $"A {Describe(child)} must be placed directly under a {(expected >= 0 ? Describe(Administrative[expected]) : "nothing (it is a root)")}, not a {Describe(parent.Value)}.";
    }

    public static void EnsureCanHang(UnitKind child, UnitKind? parent)
    {
        var why = WhyCannotHang(child, parent);
        if (why is not null)
        {
            throw new DomainException(why, "parentId");
        }
    }

    public static string Describe(UnitKind kind) => kind switch
    {
        UnitKind.Province => "province",
        UnitKind.City => "city",
        UnitKind.County => "county",
        UnitKind.Township => "township/street",
        UnitKind.Village => "village/community",
        UnitKind.Department => "department",
        UnitKind.Enterprise => "enterprise",
        _ => kind.ToString(),
    };

    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= Unit.MaxCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
