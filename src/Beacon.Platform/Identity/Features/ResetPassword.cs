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

public static class ResetPassword
{
    public sealed record Request(string? NewPassword);

    public static async Task Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UsersManage);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.User", id);
        new Validator().Require("newPassword", r.NewPassword, "Label.NewPassword").ThrowIfInvalid();
        foreach (var validator in users.PasswordValidators)
        {
            IdentityErrors.ThrowIfFailed(await validator.ValidateAsync(users, user, r.NewPassword), "newPassword");
        }
        await users.RemovePasswordAsync(user);
        IdentityErrors.ThrowIfFailed(await users.AddPasswordAsync(user, r.NewPassword!), "newPassword");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/password", async Task<NoContent> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct) =>
            {
                await Handle(id, request, db, users, ct);
                return TypedResults.NoContent();
            })
            .WithName("ResetPassword")
            .WithSummary("Sets a new password and lifts a lockout (system administrator).")
            .ProducesValidationProblem();
    }
}
