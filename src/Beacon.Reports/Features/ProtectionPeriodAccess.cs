using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Who reads a special protection period: the one place its use cases load it through.</summary>
public static class ProtectionPeriodAccess
{
    /// <summary>A period is visible to its declaring office's subtree and to the units it covers.</summary>
    internal static async Task<ProtectionPeriod> Visible(BeaconDbContext db, Guid id, CancellationToken ct)
    {
        var period = await db.Set<ProtectionPeriod>().IgnoreQueryFilters().Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null || !(db.Actor.Sees(period.UnitPath) || period.Units.Any(u => db.Actor.Sees(u.UnitPath))))
        {
            throw new NotFoundException("Entity.Period", id);
        }
        return period;
    }
}
