using Beacon.Platform.Units.Domain;

namespace Beacon.Platform.Units.Features;

public sealed record UnitResponse(Guid Id, string Code, string NameZh, string? NameEn, string Kind, Guid? ParentId, int Depth)
{
    public static UnitResponse From(Unit u) => new(u.Id, u.Code, u.NameZh, u.NameEn, KindName(u.Kind), u.ParentId, u.Depth);

    public static string KindName(UnitKind kind) => kind.ToString().ToLowerInvariant();
}

public sealed record UnitNode(Guid Id, string Code, string NameZh, string? NameEn, string Kind, Guid? ParentId, int Depth, IReadOnlyList<UnitNode> Children);

internal static class UnitInput
{
    public static UnitKind? ParseKind(string? kind) =>
        Enum.TryParse<UnitKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;

    public static string KindList => string.Join(", ", Enum.GetNames<UnitKind>().Select(n => n.ToLowerInvariant()));
}
