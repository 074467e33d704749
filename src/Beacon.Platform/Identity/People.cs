using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity;

/// <summary>Who is told: the active people of some units who hold some roles.</summary>
public static class People
{
    /// <summary>
    /// Active users of these units holding any of these roles, each once, with their unit's path. Read past the
    /// caller's scope: the people a notice goes to (a unit above, a unit taking part) are often outside it.
    /// </summary>
    public static async Task<List<(Guid Id, string Path)>> WithRoles(BeaconDbContext db, IReadOnlyCollection<Guid> unitIds, IReadOnlyCollection<string> roles,
        CancellationToken ct)
    {
        if (unitIds.Count == 0 || roles.Count == 0)
        {
            return [];
        }
        var people = await (from u in db.Users.IgnoreQueryFilters()
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join role in db.Roles on ur.RoleId equals role.Id
                            where !u.IsDisabled && unitIds.Contains(u.UnitId) && roles.Contains(role.Name!)
                            select new { u.Id, u.Unit!.Path }).Distinct().ToListAsync(ct);
        return people.DistinctBy(p => p.Id).Select(p => (p.Id, p.Path)).ToList();
    }
}
