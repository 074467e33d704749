using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A planner removes a shift that has not begun.</summary>
public static class DeleteShift
{
    public static async Task Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Entity.Shift", id);
        if (shift.StartsAt <= db.Time.GetUtcNow())
        {
            // A shift that has begun has alerted people; the record of who was on duty stays.
            throw new ConflictException(Text.Get("Duty.Started"));
        }
        db.Set<DutyShift>().Remove(shift);
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(RouteGroupBuilder roster)
    {
        roster.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, BeaconDbContext db, CancellationToken ct) =>
            {
                await Handle(id, db, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteShift").WithSummary("Removes a shift that has not begun.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
