using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Who receives a unit's reports: the nearest duty desk at or above it.</summary>
public static class DutyDesks
{
    public sealed record Desk(Guid UnitId, string UnitPath, DutyShift? Shift, IReadOnlyList<Guid> Recipients);

    /// <summary>
    /// The nearest unit, the reporting unit itself or above, with a shift on duty now: its A post. With no
    /// shift planned anywhere up the chain, every duty officer of the nearest unit that has any.
    /// </summary>
    public static async Task<Desk?> For(BeaconDbContext db, string unitPath, DateTimeOffset now, CancellationToken ct)
    {
        var chain = UnitPaths.Ids(unitPath);
        // The desk above lies outside a reporter's scope; finding it is the platform's job, not the caller's.
        var shifts = await db.Set<DutyShift>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => chain.Contains(s.UnitId) && s.StartsAt <= now && s.EndsAt > now).ToListAsync(ct);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (shifts.FirstOrDefault(s => s.UnitId == chain[i]) is { } shift)
            {
                return new Desk(shift.UnitId, shift.UnitPath, shift, [shift.APostUserId]);
            }
        }
        var officers = await OfficersAlong(db, chain, ct);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var here = officers.Where(o => o.UnitId == chain[i]).ToList();
            if (here.Count > 0)
            {
                return new Desk(chain[i], here[0].Path, null, here.Select(o => o.Id).ToList());
            }
        }
        return null;
    }

    /// <summary>Every duty officer of the nearest unit at or above that has any (for notices that go to the whole desk).</summary>
    public static async Task<IReadOnlyList<Guid>> OfficersFor(BeaconDbContext db, string unitPath, CancellationToken ct)
    {
        var chain = UnitPaths.Ids(unitPath);
        var officers = await OfficersAlong(db, chain, ct);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var here = officers.Where(o => o.UnitId == chain[i]).Select(o => o.Id).ToList();
            if (here.Count > 0)
            {
                return here;
            }
        }
        return [];
    }

    /// <summary>The kinds of the units from the root down to the unit at this path (past the caller's scope: rank needs them).</summary>
    public static async Task<List<Beacon.Platform.Units.Domain.UnitKind>> KindsAlong(BeaconDbContext db, string unitPath, CancellationToken ct)
    {
        var chain = UnitPaths.Ids(unitPath);
        var kinds = await db.Units.IgnoreQueryFilters().Where(u => chain.Contains(u.Id)).Select(u => new { u.Id, u.Kind }).ToListAsync(ct);
        return chain.Select(id => kinds.First(k => k.Id == id).Kind).ToList();
    }

    private sealed record Officer(Guid Id, Guid UnitId, string Path);

    private static async Task<List<Officer>> OfficersAlong(BeaconDbContext db, List<Guid> chain, CancellationToken ct) =>
        await (from u in db.Users.IgnoreQueryFilters()
               join ur in db.UserRoles on u.Id equals ur.UserId
               join role in db.Roles on ur.RoleId equals role.Id
               where role.Name == Roles.DutyOfficer && chain.Contains(u.UnitId) && !u.IsDisabled
               select new Officer(u.Id, u.UnitId, u.Unit!.Path)).ToListAsync(ct);

    /// <summary>Path of a user's unit, for the scope of a message to them.</summary>
    public static async Task<string> UnitPathOfUser(BeaconDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.Unit!.Path).FirstOrDefaultAsync(ct) ?? "/";
}
