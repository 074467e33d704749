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
            return IsAdministrative(child) ? null : Text.Get("Unit.NeedsParent", Describe(child));
        }
        if (!IsAdministrative(child))
        {
            return null; // departments and enterprises attach to any node
        }
        if (!IsAdministrative(parent.Value))
        {
            return Text.Get("Unit.NotUnder", Describe(child), Describe(parent.Value));
        }
        var expected = Array.IndexOf(Administrative, child) - 1;
        return expected >= 0 && Administrative[expected] == parent.Value
            ? null
            : Text.Get("Unit.WrongLevel", Describe(child), expected >= 0 ? Describe(Administrative[expected]) : Text.Get("Kind.Root"), Describe(parent.Value));
    }

    public static void EnsureCanHang(UnitKind child, UnitKind? parent)
    {
        var why = WhyCannotHang(child, parent);
        if (why is not null)
        {
            throw new DomainException(why, "parentId");
        }
    }

    public static string Describe(UnitKind kind) => Text.Get("Kind." + kind);

    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= Unit.MaxCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
