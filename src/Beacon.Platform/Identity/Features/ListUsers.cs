using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public static class ListUsers
{
    public static async Task<List<UserResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.UsersManage) && !db.Actor.Has(Permissions.RolesAssign))
        {
            throw new ForbiddenException(Text.Get("Forbidden.Accounts"));
        }
        return await Project(db, null, ct);
    }

    /// <summary>The accounts in scope as responses; callers have checked the caller's authority.</summary>
    internal static async Task<List<UserResponse>> Project(BeaconDbContext db, Guid? id, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (id is not null)
        {
            query = query.Where(u => u.Id == id);
        }
        var users = await query
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, UnitCode = u.Unit!.Code, UnitName = u.Unit.NameZh, u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        var now = db.Time.GetUtcNow();
        return users.Select(u => new UserResponse(u.Id, u.UserName!, u.DisplayName, u.UnitId, u.UnitCode, u.UnitName,
            roles[u.Id].Order(StringComparer.Ordinal).ToList(), u.IsDisabled, u.TwoFactorEnabled,
            u.LockoutEnd is { } e && e > now ? e : null)).ToList();
    }

    public static async Task<UserResponse> One(BeaconDbContext db, Guid id, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.UsersManage) && !db.Actor.Has(Permissions.RolesAssign))
        {
            throw new ForbiddenException(Text.Get("Forbidden.Accounts"));
        }
        return await Projected(db, id, ct);
    }

    internal static async Task<UserResponse> Projected(BeaconDbContext db, Guid id, CancellationToken ct) =>
        (await Project(db, id, ct)).FirstOrDefault() ?? throw new NotFoundException("Entity.User", id);

    /// <summary>Loads an account in scope and checks the caller may manage it (see <see cref="RoleRules.EnsureMayManageAccount"/>).</summary>
    internal static async Task<BeaconUser> ForManagement(BeaconDbContext db, UserManager<BeaconUser> users, Guid id, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.User", id);
        if (db.Actor.Scope != ScopeKind.System)
        {
            RoleRules.EnsureMayManageAccount(db.Actor.Roles, (await users.GetRolesAsync(user)).ToList());
        }
        return user;
    }

    internal static void Map(RouteGroupBuilder users)
    {
        users.MapGet("/", async Task<Ok<List<UserResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListUsers")
            .WithSummary("Lists the accounts in the caller's subtree (system and security administrators).");
        users.MapGet("/{id:guid}", async Task<Ok<UserResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await One(db, id, ct)))
            .WithName("GetUser")
            .WithSummary("Reads one account in the caller's subtree.");
    }
}
