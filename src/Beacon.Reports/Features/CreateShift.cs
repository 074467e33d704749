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

/// <summary>A planner adds a shift to a unit's duty roster (值班表) with its A post, B post and unit head.</summary>
public static class CreateShift
{
    public sealed record Request(Guid? UnitId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Guid? APostUserId, Guid? BPostUserId, Guid? HeadUserId);

    public static async Task<ShiftResponse> Handle(Request r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        var unitId = r.UnitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        // Two planners at once cannot both fit a shift into the same gap.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        var (others, officers, members) = await DutyPosts.Context(db, unit.Id, ct);
        var shift = DutyShift.Plan(unit.Id, unit.Path, r.StartsAt, r.EndsAt, r.APostUserId, r.BPostUserId, r.HeadUserId, others,
            officers.Contains, members.Contains, local.Format);
        db.Set<DutyShift>().Add(shift);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ShiftResponse.Describe(db, [shift], ct))[0];
    }

    internal static void Map(RouteGroupBuilder roster)
    {
        roster.MapPost("/", async Task<Created<ShiftResponse>> (Request r, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
            {
                var s = await Handle(r, db, local, ct);
                return TypedResults.Created($"/api/duty-roster/{s.Id}", s);
            })
            .WithName("CreateShift").WithSummary("Plans a shift; overlapping shifts of the unit and posts held by non-officers are refused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
