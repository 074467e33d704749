using Beacon.Platform.Common;

namespace Beacon.Platform.Units.Domain;

public enum UnitKind
{
    Province,
    City,
    County,
    Township,
    Village,
    Department,
    Enterprise,
}

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is the materialised path of ids from the root
/// ("/id1/id2/"), so "in my subtree" is a prefix test the database can do in one query.
/// </summary>
public sealed class Unit
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 200;

    private Unit()
    {
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string? NameEn { get; private set; }
    public UnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static string PathSegment(Guid id) => id.ToString("N") + "/";

    public static Unit Create(Guid id, string code, string nameZh, string? nameEn, UnitKind kind, Unit? parent, DateTimeOffset now)
    {
        UnitRules.EnsureCanHang(kind, parent?.Kind);
        var unit = new Unit
        {
            Id = id,
            Code = code.Trim(),
            NameZh = nameZh.Trim(),
            NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim(),
            Kind = kind,
            CreatedAt = now,
        };
        unit.Attach(parent);
        return unit;
    }

    public void Rename(string code, string nameZh, string? nameEn)
    {
        Code = code.Trim();
        NameZh = nameZh.Trim();
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
    }

    /// <summary>
    /// Moves this unit (with its whole subtree) under <paramref name="newParent"/>.
    /// <paramref name="descendants"/> must be every unit below this one; their paths are rewritten.
    /// </summary>
    public void MoveTo(Unit? newParent, IEnumerable<Unit> descendants)
    {
        if (newParent is not null && (newParent.Id == Id || newParent.Path.StartsWith(Path, StringComparison.Ordinal)))
        {
            throw new DomainException(Text.Get("Unit.MoveIntoSelf"), "parentId");
        }
        UnitRules.EnsureCanHang(Kind, newParent?.Kind);

        var oldPath = Path;
        var oldDepth = Depth;
        Attach(newParent);
        foreach (var d in descendants)
        {
            if (!d.Path.StartsWith(oldPath, StringComparison.Ordinal) || d.Id == Id)
            {
                throw new InvalidOperationException("Descendant list does not match the subtree.");
            }
            d.Path = Path + d.Path[oldPath.Length..];
            d.Depth = d.Depth - oldDepth + Depth;
        }
    }

    public bool Contains(Unit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    private void Attach(Unit? parent)
    {
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + PathSegment(Id);
        Depth = parent is null ? 0 : parent.Depth + 1;
    }
}
