using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public static class GetMe
{
    public sealed record Response(Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitCode, string UnitName,
        IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, bool TwoFactorEnabled);

    public static async Task<Response> Handle(BeaconDbContext db, CancellationToken ct)
    {
        var id = db.Actor.RequireUserId();
        var u = await db.Users.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("Entity.User", id);
        var roles = db.Actor.Roles.Order(StringComparer.Ordinal).ToList();
        var perms = roles.SelectMany(Domain.Permissions.Of).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Response(u.Id, u.UserName!, u.DisplayName, u.UnitId, u.Unit!.Code, u.Unit.NameZh, roles, perms, u.TwoFactorEnabled);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Ok<Response>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("GetMe")
            .WithSummary("The signed-in user: unit, roles and what they permit.");
    }
}
