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
        db.Actor.Require(Permissions.RolesAssign);
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
        var path = await db.UnitPathAsync(user.UnitId, ct);
        var body = outbox.Text("Notify.RolesChanged.Body", wanted.Count == 0 ? outbox.Text("Notify.None") : string.Join(", ", wanted), db.Actor.Name);
        outbox.ToUser(db, "user.roles-changed", user.Id, path, outbox.Text("Notify.RolesChanged.Subject"), body, "user", user.Id.ToString());
        outbox.ToWebhooks(db, "user.roles-changed", path, outbox.Text("Notify.RolesChanged.Subject"), body, "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ListUsers.Projected(db, id, ct);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/roles", async Task<Ok<UserResponse>> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, request, db, users, outbox, ct)))
            .WithName("SetUserRoles")
            .WithSummary("Replaces an account's roles (security administrator). An administrator account holds one administrator role only; nobody changes their own roles.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
