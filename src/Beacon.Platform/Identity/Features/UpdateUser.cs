using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public static class UpdateUser
{
    public sealed record Request(string? DisplayName, Guid? UnitId, bool IsDisabled);

    public static async Task<UserResponse> Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        var user = await ListUsers.ForManagement(db, users, id, ct);
        new Validator()
            .Require("displayName", r.DisplayName, "Label.DisplayName")
            .MaxLength("displayName", r.DisplayName, 100, "Label.DisplayName")
            .Check(r.UnitId is not null, "unitId", Text.Get("User.UnitRequired"))
            .ThrowIfInvalid();
        if (id == db.Actor.UserId && r.IsDisabled)
        {
            throw new DomainException(Text.Get("User.DisableSelf"), "isDisabled");
        }
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct)
            ?? throw new DomainException(Text.Get("User.UnitMissing"), "unitId");
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
        return await ListUsers.Projected(db, user.Id, ct);
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
