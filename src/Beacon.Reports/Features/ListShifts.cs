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

/// <summary>The duty roster (值班表): shifts of the caller's subtree, or of one unit, overlapping a range.</summary>
public static class ListShifts
{
    public static async Task<List<ShiftResponse>> Handle(BeaconDbContext db, Guid? unitId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var q = db.Set<DutyShift>().AsNoTracking();
        if (unitId is { } u)
        {
            q = q.Where(s => s.UnitId == u);
        }
        var start = (from ?? db.Time.GetUtcNow().AddDays(-1)).ToUniversalTime();
        var end = (to ?? start.AddDays(31)).ToUniversalTime();
        if (end <= start || end - start > TimeSpan.FromDays(62))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["to"] = [Text.Get("Duty.Range")] });
        }
        var shifts = await q.Where(s => s.StartsAt < end && s.EndsAt > start).OrderBy(s => s.StartsAt).Take(1000).ToListAsync(ct);
        return await ShiftResponse.Describe(db, shifts, ct);
    }

    internal static void Map(RouteGroupBuilder roster)
    {
        roster.MapGet("/", async Task<Ok<List<ShiftResponse>>> (Guid? unitId, DateTimeOffset? from, DateTimeOffset? to, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(db, unitId, from, to, ct)))
            .WithName("ListShifts").WithSummary("Shifts of the caller's subtree (or one unit) overlapping a range of at most 62 days.");
    }
}
