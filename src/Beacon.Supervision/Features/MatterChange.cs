using Beacon.Platform.Data;
using Beacon.Supervision.Domain;

namespace Beacon.Supervision.Features;

/// <summary>One change to a matter: under the supervision lock, loaded through its access check, saved, then described.</summary>
internal static class MatterChange
{
    internal static async Task<MatterResponse> Apply(Guid id, BeaconDbContext db, CancellationToken ct, Func<Guid, Task<Matter>> load, Func<Matter, Task> change)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var m = await load(id);
        await change(m);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await MatterResponse.Describe(m, db, ct);
    }
}
