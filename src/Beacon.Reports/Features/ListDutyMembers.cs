using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The unit's members who may hold a post: duty officers for A/B; duty officers and leaders as head.</summary>
public static class ListDutyMembers
{
    public sealed record Member(Guid Id, string DisplayName, bool IsDutyOfficer, bool MayHead);

    public static async Task<List<Member>> Handle(BeaconDbContext db, Guid unitId, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        _ = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var officers = await DutyPosts.OfficerIds(db, unitId, ct);
        var leaders = await DutyPosts.OfficerIds(db, unitId, ct, Roles.Leader);
        return (await db.Users.Where(u => u.UnitId == unitId && !u.IsDisabled).OrderBy(u => u.DisplayName).ToListAsync(ct))
            .Select(u => new Member(u.Id, u.DisplayName, officers.Contains(u.Id), officers.Contains(u.Id) || leaders.Contains(u.Id))).ToList();
    }

    internal static void Map(RouteGroupBuilder roster)
    {
        roster.MapGet("/members", async Task<Ok<List<Member>>> (Guid unitId, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, unitId, ct)))
            .WithName("ListDutyMembers").WithSummary("Who of a unit may hold a post: duty officers for A and B posts, duty officers and leaders as head.");
    }
}
