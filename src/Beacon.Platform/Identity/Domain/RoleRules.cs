using Beacon.Platform.Common;

namespace Beacon.Platform.Identity.Domain;

/// <summary>
/// Separation of the three administrators (三员分立): an administrator account holds that one role only,
/// and nobody changes their own roles.
/// </summary>
public static class RoleRules
{
    public static IReadOnlyList<string> Normalise(IEnumerable<string> roles) =>
        roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static void EnsureValidSet(IReadOnlyCollection<string> roles)
    {
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException(Text.Get("Roles.Unknown", string.Join(", ", unknown)), "roles");
        }
        var admins = roles.Count(Roles.IsAdministrator);
        if (admins > 1)
        {
            throw new DomainException(Text.Get("Roles.TwoAdmins"), "roles");
        }
        if (admins == 1 && roles.Count > 1)
        {
            throw new DomainException(Text.Get("Roles.AdminOnly"), "roles");
        }
    }

    /// <summary>
    /// An account that holds an administrator role is managed (password, unit, disabled) only by an
    /// administrator of that same role above it; any other account by the system administrator. So the
    /// system administrator cannot take over the security or audit administrator's account.
    /// </summary>
    public static void EnsureMayManageAccount(IReadOnlyCollection<string> actorRoles, IReadOnlyCollection<string> targetRoles)
    {
        var adminRole = targetRoles.FirstOrDefault(Roles.IsAdministrator);
        var allowed = adminRole is not null
            ? actorRoles.Contains(adminRole, StringComparer.Ordinal)
            : Permissions.Grants(actorRoles, Permissions.UsersManage);
        if (!allowed)
        {
            throw new ForbiddenException(Text.Get(adminRole is null ? "Forbidden.Permission" : "Forbidden.AdminAccount", Permissions.UsersManage));
        }
    }

    /// <summary>
    /// Administrator roles move only within their own line: granting or withdrawing one takes a holder of that
    /// same role at a unit above the account's. So the security administrator cannot hand the audit trail to an
    /// ordinary account, and a county administrator cannot multiply administrators beside itself. The first
    /// administrators come from the command line (<c>admin init</c>), which acts as the system.
    /// </summary>
    public static void EnsureMayChangeAdministrators(IReadOnlyCollection<string> actorRoles, string actorPath, string targetPath,
        IEnumerable<string> changedRoles)
    {
        var below = targetPath.StartsWith(actorPath, StringComparison.Ordinal) && targetPath.Length > actorPath.Length;
        foreach (var role in changedRoles.Where(Roles.IsAdministrator))
        {
            if (!actorRoles.Contains(role, StringComparer.Ordinal) || !below)
            {
                throw new ForbiddenException(Text.Get("Roles.AdminLine", role));
            }
        }
    }

    public static void EnsureMayAssign(Guid actorId, Guid targetUserId, IReadOnlyCollection<string> newRoles)
    {
        if (actorId == targetUserId)
        {
            throw new DomainException(Text.Get("Roles.Own"), "roles");
        }
        EnsureValidSet(newRoles);
    }
}
