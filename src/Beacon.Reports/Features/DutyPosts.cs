using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Who of a unit may hold a post of its duty roster, and the shifts a new or changed one must fit between.</summary>
internal static class DutyPosts
{
    /// <summary>The unit's other shifts, its duty officers (A and B posts) and those who may head a shift.</summary>
    internal static async Task<(List<DutyShift>, HashSet<Guid>, HashSet<Guid>)> Context(BeaconDbContext db, Guid unitId, CancellationToken ct)
    {
        var others = await db.Set<DutyShift>().Where(s => s.UnitId == unitId).ToListAsync(ct);
        var officers = await OfficerIds(db, unitId, ct);
        // The head is alerted last and must be able to acknowledge: a leader or duty officer of the unit.
        var heads = await OfficerIds(db, unitId, ct, Roles.Leader);
        heads.UnionWith(officers);
        return (others, officers, heads);
    }

    internal static async Task<HashSet<Guid>> OfficerIds(BeaconDbContext db, Guid unitId, CancellationToken ct, string roleName = Roles.DutyOfficer) =>
        (await (from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join role in db.Roles on ur.RoleId equals role.Id
                where role.Name == roleName && u.UnitId == unitId && !u.IsDisabled
                select u.Id).ToListAsync(ct)).ToHashSet();
}
