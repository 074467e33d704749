using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Units.Features;

public static class DeleteUnit
{
    public static async Task Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsManage);
        await using var tx = await db.BeginSerializedAsync(WriteLock.UnitTree, ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.Unit", id);
        if (unit.Id == db.Actor.UnitId)
        {
            throw new DomainException(Text.Get("Unit.DeleteOwn"));
        }
        if (await db.Units.IgnoreQueryFilters().AnyAsync(u => u.ParentId == id, ct))
        {
            throw new DomainException(Text.Get("Unit.HasChildren"));
        }
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.UnitId == id, ct))
        {
            throw new DomainException(Text.Get("Unit.HasUsers"));
        }
        db.Units.Remove(unit);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, BeaconDbContext db, CancellationToken ct) =>
            {
                await Handle(id, db, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteUnit")
            .WithSummary("Deletes an empty unit (no subunits, no users). The audit trail keeps its record.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
