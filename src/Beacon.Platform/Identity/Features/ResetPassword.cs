using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Identity.Features;

public static class ResetPassword
{
    public sealed record Request(string? NewPassword);

    public static async Task Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox, CancellationToken ct)
    {
        var user = await ListUsers.ForManagement(db, users, id, ct);
        new Validator().Require("newPassword", r.NewPassword, "Label.NewPassword").ThrowIfInvalid();
        foreach (var validator in users.PasswordValidators)
        {
            IdentityErrors.ThrowIfFailed(await validator.ValidateAsync(users, user, r.NewPassword), "newPassword");
        }
        // Identity saves after each step: one transaction, so no account is ever left without a password.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.RemovePasswordAsync(user);
        IdentityErrors.ThrowIfFailed(await users.AddPasswordAsync(user, r.NewPassword!), "newPassword");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        db.AuditEvent("user.password-reset", "user", user.Id.ToString());
        var path = await db.UnitPathAsync(user.UnitId, ct);
        outbox.ToUser(db, "user.password-reset", user.Id, path, outbox.Text("Notify.PasswordReset.Subject"),
            outbox.Text("Notify.PasswordReset.Body", db.Actor.Name), "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/password", async Task<NoContent> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox, CancellationToken ct) =>
            {
                await Handle(id, request, db, users, outbox, ct);
                return TypedResults.NoContent();
            })
            .WithName("ResetPassword")
            .WithSummary("Sets a new password and lifts a lockout (system administrator).")
            .ProducesValidationProblem();
    }
}
