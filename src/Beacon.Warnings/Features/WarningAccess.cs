using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>Who may read warnings, in one place (through <see cref="ReadRules"/>), and the loads every use case goes through.</summary>
public static class WarningAccess
{
    internal static void Declare() =>
        // The warnings of the reader's own office and the units below (the record's own subtree), and those of the
        // offices above them once issued into the reader's part of the tree: delivered to a unit in the reader's
        // subtree or to a unit above the reader, never only to a sibling. A draft stays with its office until decided.
        // The conditions on deliveries are explicit: the rule is read past the query filter.
        ReadRules.Declare<Warning>((db, r) =>
        {
            var delivered = db.Set<WarningDelivery>().Where(d => d.UnitPath.StartsWith(r.Path) || r.Chain.Contains(d.UnitId)).Select(d => d.WarningId);
            return w => w.IssuedAt != null && r.Path.StartsWith(w.UnitPath) && delivered.Contains(w.Id);
        });

    /// <summary>A warning the caller may read (otherwise not found), untracked.</summary>
    public static async Task<Warning> LoadForReader(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        return await db.Readable<Warning>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
    }

    /// <summary>An analyst reworks a draft of their unit's subtree (out of scope: not found).</summary>
    internal static async Task<Warning> LoadForDrafting(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDraft);
        return await db.Set<Warning>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
    }

    /// <summary>A leader decides warnings of their unit's subtree (out of scope: not found), within their own authority.</summary>
    internal static async Task<(Warning, Authority)> LoadForDecision(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDecide);
        var warning = await db.Set<Warning>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
        var me = db.Actor.RequireUserId();
        var authority = await db.Users.Where(u => u.Id == me).Select(u => u.Authority).FirstAsync(ct);
        return (warning, authority);
    }
}
