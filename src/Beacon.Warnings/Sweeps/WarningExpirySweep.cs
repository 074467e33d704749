using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Sweeps;

/// <summary>An issued warning past its expiry is ended by expiry.</summary>
public sealed class WarningExpirySweep : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var issued = await db.Set<Warning>().Where(w => w.State == WarningState.Issued).ToListAsync(ct);
        var n = issued.Count(w => w.ExpireIfDue(now));
        if (n > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return n;
    }
}
