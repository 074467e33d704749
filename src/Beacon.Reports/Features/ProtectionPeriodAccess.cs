using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Who reads a special protection period: the one place its use cases load it through.</summary>
public static class ProtectionPeriodAccess
{
    /// <summary>
    /// A period is read in its declaring office's subtree (the record's own) and by the units it covers. The covered
    /// units are matched on their own path: the rule is read past the query filter, which no longer narrows them.
    /// </summary>
    internal static void Declare() =>
        ReadRules.Declare<ProtectionPeriod>((db, r) =>
        {
            var covering = db.Set<ProtectionPeriodUnit>().Where(u => u.UnitPath.StartsWith(r.Path)).Select(u => u.PeriodId);
            return p => covering.Contains(p.Id);
        });

    internal static async Task<ProtectionPeriod> Visible(BeaconDbContext db, Guid id, CancellationToken ct) =>
        await db.Readable<ProtectionPeriod>().Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException("Entity.Period", id);
}
