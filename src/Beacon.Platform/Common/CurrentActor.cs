using Beacon.Platform.Identity.Domain;

namespace Beacon.Platform.Common;

public enum ScopeKind
{
    /// <summary>Anonymous or unresolved: sees nothing.</summary>
    None,
    /// <summary>A signed-in user: sees the subtree of their unit.</summary>
    Subtree,
    /// <summary>The platform itself (start-up, seeding, sign-in, jobs): sees everything.</summary>
    System,
}

/// <summary>
/// Who is acting in this DI scope. Set once per request (or per UI operation) from the database,
/// never from claims alone, so a revoked role or a moved unit takes effect at once.
/// </summary>
public sealed class CurrentActor
{
    private HashSet<string> _roles = new(StringComparer.Ordinal);

    public ScopeKind Scope { get; private set; } = ScopeKind.None;
    public Guid? UserId { get; private set; }
    public string Name { get; private set; } = "anonymous";
    public Guid? UnitId { get; private set; }
    /// <summary>Materialised path of the actor's unit; "/" for the system.</summary>
    public string UnitPath { get; private set; } = "";
    public IReadOnlyCollection<string> Roles => _roles;

    /// <summary>
    /// The path a record's own path must start with for this actor to read it: their unit's path, or, without a
    /// subtree, a path no record has (the system reads past the filter instead).
    /// </summary>
    public string ScopePath => Scope == ScopeKind.Subtree ? UnitPath : "\u0001no-scope";

    public bool IsAuthenticated => UserId is not null;
    public bool TwoFactorEnabled { get; private set; }

    public void SetUser(Guid userId, string name, Guid unitId, string unitPath, IEnumerable<string> roles, bool twoFactorEnabled = false)
    {
        TwoFactorEnabled = twoFactorEnabled;
        UserId = userId;
        Name = name;
        UnitId = unitId;
        UnitPath = unitPath;
        _roles = new HashSet<string>(roles, StringComparer.Ordinal);
        Scope = ScopeKind.Subtree;
    }

    public void SetSystem(string name)
    {
        UserId = null;
        Name = name;
        UnitId = null;
        UnitPath = "/";
        _roles = new(StringComparer.Ordinal);
        Scope = ScopeKind.System;
    }

    public void SetAnonymous(string name = "anonymous")
    {
        UserId = null;
        Name = name;
        UnitId = null;
        UnitPath = "";
        _roles = new(StringComparer.Ordinal);
        Scope = ScopeKind.None;
    }

    public bool IsInRole(string role) => _roles.Contains(role);

    /// <summary>An administrator without two-factor sign-in while the policy requires it: may do nothing but enrol.</summary>
    public bool MustEnrolTwoFactor(SecurityPolicy policy) =>
        Scope == ScopeKind.Subtree && policy.RequireTwoFactorForAdministrators && !TwoFactorEnabled
        && _roles.Any(Identity.Domain.Roles.IsAdministrator);

    public bool Has(string permission) => Scope == ScopeKind.System || Permissions.Grants(_roles, permission);

    public void Require(string permission)
    {
        if (!Has(permission))
        {
            throw new ForbiddenException(Text.Get("Forbidden.Permission", permission));
        }
    }

    /// <summary>
    /// The system, or a user of a root unit: installation-wide settings (the security policy, event types, the risk
    /// matrix) are theirs alone, since a change there binds every unit of the province, not only one subtree.
    /// </summary>
    public bool AtRoot => Scope == ScopeKind.System || Scope == ScopeKind.Subtree && UnitPath.Count(c => c == '/') == 2;

    /// <summary>The permission, held at a root unit: for settings that bind the whole installation.</summary>
    public void RequireInstallationWide(string permission)
    {
        Require(permission);
        if (!AtRoot)
        {
            throw new ForbiddenException(Text.Get("Forbidden.InstallationWide"));
        }
    }

    public Guid RequireUserId() => UserId ?? throw new ForbiddenException(Text.Get("Forbidden.SignIn"));

    /// <summary>True when the path lies in the actor's subtree.</summary>
    public bool Sees(string path) => Scope switch
    {
        ScopeKind.System => true,
        ScopeKind.Subtree => path.StartsWith(UnitPath, StringComparison.Ordinal),
        _ => false,
    };
}
