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
            .Require("userName", r.UserName, "Label.UserName")
            .MaxLength("userName", r.UserName, 64, "Label.UserName")
            .Require("displayName", r.DisplayName, "Label.DisplayName")
            .MaxLength("displayName", r.DisplayName, 100, "Label.DisplayName")
            .Check(r.UnitId is not null, "unitId", Text.Get("User.UnitRequired"))
            .Require("password", r.Password, "Label.InitialPassword");
        if (!string.IsNullOrWhiteSpace(r.UserName) && !r.UserName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            v.Add("userName", Text.Get("User.NameChars"));
        }
        v.ThrowIfInvalid();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct)
            ?? throw new DomainException(Text.Get("User.UnitMissing"), "unitId");
        // User names are unique across the installation, so the check looks past the caller's scope.
        var normalized = users.NormalizeName(r.UserName!.Trim());
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedUserName == normalized, ct))
        {
            throw new ConflictException(Text.Get("User.NameTaken", r.UserName.Trim()), "userName");
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
        return await ListUsers.Projected(db, user.Id, ct);
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
