using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Units.Features;

public static class GetUnit
{
    public static async Task<Unit> Find(BeaconDbContext db, Guid id, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsRead);
        return await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.Unit", id);
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapGet("/{id:guid}", async Task<Ok<UnitResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(UnitResponse.From(await Find(db, id, ct))))
            .WithName("GetUnit")
            .WithSummary("Reads one unit; a unit outside the caller's subtree is not found.");
    }
}
