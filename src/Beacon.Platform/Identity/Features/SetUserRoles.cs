using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public static class SetUserRoles
{
    public sealed record Request(IReadOnlyList<string>? Roles);

    public static async Task<UserResponse> Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox, CancellationToken ct)
    {
        // Business roles are the security administrator's to assign; an administrator role is its own line's (below).
        if (!Roles.Administrators.Any(db.Actor.IsInRole))
        {
            db.Actor.Require(Permissions.RolesAssign);
        }
        // Read and decide inside the lock: two concurrent grants cannot together break the rules.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Roles, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.User", id);
        var wanted = RoleRules.Normalise(r.Roles ?? []);
        RoleRules.EnsureMayAssign(db.Actor.RequireUserId(), user.Id, wanted);

        var current = await users.GetRolesAsync(user);
        var remove = current.Except(wanted, StringComparer.Ordinal).ToList();
        var add = wanted.Except(current, StringComparer.Ordinal).ToList();
        if (remove.Count == 0 && add.Count == 0)
        {
            return await ListUsers.Projected(db, id, ct);
        }
        var path = await db.UnitPathAsync(user.UnitId, ct);
        var adminChanges = remove.Concat(add).Where(Roles.IsAdministrator).ToList();
        RoleRules.EnsureMayChangeAdministrators(db.Actor.Roles, db.Actor.UnitPath, path, adminChanges);
        if (remove.Concat(add).Any(role => !Roles.IsAdministrator(role)))
        {
            db.Actor.Require(Permissions.RolesAssign);
        }
        if (remove.Count > 0)
        {
            IdentityErrors.ThrowIfFailed(await users.RemoveFromRolesAsync(user, remove), "roles");
        }
        if (add.Count > 0)
        {
            IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, add), "roles");
        }
        // Decision authority belongs to leaders: it goes with the role.
        if (user.Authority != Authority.None && !wanted.Contains(Roles.Leader, StringComparer.Ordinal))
        {
            user.Authority = Authority.None;
            IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user), "roles");
        }
        // The holder learns of it, and so do subscribed systems; in the same transaction as the change.
        var body = outbox.Text("Notify.RolesChanged.Body", wanted.Count == 0 ? outbox.Text("Notify.None") : string.Join(", ", wanted), db.Actor.Name);
        outbox.ToUser(db, "user.roles-changed", user.Id, path, outbox.Text("Notify.RolesChanged.Subject"), body, "user", user.Id.ToString());
        outbox.ToWebhooks(db, "user.roles-changed", path, outbox.Text("Notify.RolesChanged.Subject"), body, "user", user.Id.ToString());
        await TellAdministrators(user, adminChanges, add, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ListUsers.Projected(db, id, ct);
    }

    /// <summary>
    /// Every holder of an administrator role learns when that role is granted or withdrawn anywhere, and the audit
    /// trail names the change, so a quiet hand-over of the audit trail or the roles cannot pass unseen.
    /// </summary>
    private static async Task TellAdministrators(BeaconUser user, List<string> adminChanges, List<string> added, BeaconDbContext db, Outbox outbox,
        CancellationToken ct)
    {
        foreach (var role in adminChanges)
        {
            var granted = added.Contains(role, StringComparer.Ordinal);
            db.AuditEvent(granted ? "user.admin-role-granted" : "user.admin-role-withdrawn", "user", user.Id.ToString(),
                new { role, user = user.UserName, by = db.Actor.Name });
            var holders = await (from u in db.Users.IgnoreQueryFilters()
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join rr in db.Roles on ur.RoleId equals rr.Id
                                 where !u.IsDisabled && rr.Name == role && u.Id != user.Id
                                 select new { u.Id, u.Unit!.Path }).ToListAsync(ct);
            var subject = outbox.Text(granted ? "Notify.AdminGranted.Subject" : "Notify.AdminWithdrawn.Subject", role);
            var body = outbox.Text(granted ? "Notify.AdminGranted.Body" : "Notify.AdminWithdrawn.Body", role, user.UserName, db.Actor.Name);
            foreach (var holder in holders.DistinctBy(h => h.Id))
            {
                outbox.ToUser(db, "user.admin-role-changed", holder.Id, holder.Path, subject, body, "user", user.Id.ToString());
            }
        }
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/roles", async Task<Ok<UserResponse>> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, request, db, users, outbox, ct)))
            .WithName("SetUserRoles")
            .WithSummary("Replaces an account's roles (security administrator). An administrator account holds one administrator role only; an administrator role is granted or withdrawn only by a holder of it at a unit above; nobody changes their own roles.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
