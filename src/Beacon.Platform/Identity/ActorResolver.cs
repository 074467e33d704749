using System.Security.Claims;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity;

/// <summary>
/// Turns a signed-in principal into the <see cref="CurrentActor"/> from the database: roles, unit and
/// account state are read fresh, so a disabled account, a revoked role or a changed password
/// (security stamp) stops working on the next request, for cookies and bearer tokens alike.
/// </summary>
public static class ActorResolver
{
    public static async Task<bool> TryResolveAsync(ClaimsPrincipal principal, BeaconDbContext db, IdentityOptions options, CancellationToken ct)
    {
        var actor = db.Actor;
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType), out var userId))
        {
            actor.SetAnonymous();
            return false;
        }
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, UnitPath = u.Unit!.Path, u.IsDisabled, u.SecurityStamp, u.LockoutEnd, u.TwoFactorEnabled })
            .FirstOrDefaultAsync(ct);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        // No stamp, no entry: every principal Beacon issues carries one.
        if (user is null || user.IsDisabled || stamp is null || stamp != user.SecurityStamp
            || (user.LockoutEnd is { } end && end > db.Time.GetUtcNow()))
        {
            actor.SetAnonymous();
            return false;
        }
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        actor.SetUser(user.Id, user.UserName ?? user.Id.ToString(), user.UnitId, user.UnitPath, roles, user.TwoFactorEnabled);
        return true;
    }
}
