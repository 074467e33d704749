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

/// <summary>The system administrator opens accounts; roles are granted separately by the security administrator.</summary>
public static class CreateUser
{
    public sealed record Request(string? UserName, string? DisplayName, Guid? UnitId, string? Password);

    public static async Task<UserResponse> Handle(Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UsersManage);
        var v = new Validator()
            .Require("userName", r.UserName, "User name")
            .MaxLength("userName", r.UserName, 64, "User name")
            .Require("displayName", r.DisplayName, "Display name")
            .MaxLength("displayName", r.DisplayName, 100, "Display name")
            .Check(r.UnitId is not null, "unitId", "Unit is required.")
            .Require("password", r.Password, "Initial password");
        if (!string.IsNullOrWhiteSpace(r.UserName) && !r.UserName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            v.Add("userName", "User name may contain only letters, digits and . - _ @.");
        }
        v.ThrowIfInvalid();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct)
            ?? throw new DomainException("The unit does not exist or is outside your scope.", "unitId");
        // User names are unique across the installation, so the check looks past the caller's scope.
        var normalized = users.NormalizeName(r.UserName!.Trim());
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedUserName == normalized, ct))
        {
            throw new ConflictException($"User name '{r.UserName.Trim()}' is taken.", "userName");
        }
        var user = new BeaconUser
        {
            Id = Guid.NewGuid(),
            UserName = r.UserName.Trim(),
            DisplayName = r.DisplayName!.Trim(),
            UnitId = unit.Id,
            CreatedAt = db.Time.GetUtcNow(),
            LockoutEnabled = true,
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, r.Password!), "password");
        return await ListUsers.One(db, user.Id, ct);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", async Task<Created<UserResponse>> (Request request, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct) =>
            {
                var user = await Handle(request, db, users, ct);
                return TypedResults.Created($"/api/users/{user.Id}", user);
            })
            .WithName("CreateUser")
            .WithSummary("Opens an account in a unit of the caller's subtree (system administrator).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

public static class UpdateUser
{
    public sealed record Request(string? DisplayName, Guid? UnitId, bool IsDisabled);

    public static async Task<UserResponse> Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UsersManage);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("User", id);
        new Validator()
            .Require("displayName", r.DisplayName, "Display name")
            .MaxLength("displayName", r.DisplayName, 100, "Display name")
            .Check(r.UnitId is not null, "unitId", "Unit is required.")
            .ThrowIfInvalid();
        if (id == db.Actor.UserId && r.IsDisabled)
        {
            throw new DomainException("You cannot disable your own account.", "isDisabled");
        }
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct)
            ?? throw new DomainException("The unit does not exist or is outside your scope.", "unitId");
        var wasDisabled = user.IsDisabled;
        var oldUnit = user.UnitId;
        user.DisplayName = r.DisplayName!.Trim();
        user.UnitId = unit.Id;
        user.IsDisabled = r.IsDisabled;
        if (wasDisabled != r.IsDisabled || oldUnit != unit.Id)
        {
            // New stamp: sessions and tokens issued before the change stop working.
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return await ListUsers.One(db, user.Id, ct);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}", async Task<Ok<UserResponse>> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, request, db, users, ct)))
            .WithName("UpdateUser")
            .WithSummary("Changes an account's name, unit or disabled state (system administrator).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

public static class ResetPassword
{
    public sealed record Request(string? NewPassword);

    public static async Task Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UsersManage);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("User", id);
        new Validator().Require("newPassword", r.NewPassword, "New password").ThrowIfInvalid();
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
