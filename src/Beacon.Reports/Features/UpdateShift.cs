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

/// <summary>A planner changes a shift's times or posts.</summary>
public static class UpdateShift
{
    // The same body as planning a shift; its unitId is not read: a shift stays with its unit.
    public sealed record Request(Guid? UnitId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Guid? APostUserId, Guid? BPostUserId, Guid? HeadUserId);

    public static async Task<ShiftResponse> Handle(Guid id, Request r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Entity.Shift", id);
        var (others, officers, members) = await DutyPosts.Context(db, shift.UnitId, ct);
        shift.Change(r.StartsAt, r.EndsAt, r.APostUserId, r.BPostUserId, r.HeadUserId, others, officers.Contains, members.Contains, local.Format,
            db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ShiftResponse.Describe(db, [shift], ct))[0];
    }

    internal static void Map(RouteGroupBuilder roster)
    {
        roster.MapPut("/{id:guid}", async Task<Ok<ShiftResponse>> (Guid id, Request r, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, local, ct)))
            .WithName("UpdateShift").WithSummary("Changes a shift's times or posts.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
