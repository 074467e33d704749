using Beacon.Hazards.Domain;
using Beacon.Platform.Data;

namespace Beacon.Hazards.Features;

/// <summary>One change to a hazard: under the hazards lock, loaded through its access check, saved, then described.</summary>
internal static class HazardChange
{
    internal static async Task<HazardResponse> Apply(Guid id, BeaconDbContext db, CancellationToken ct, Func<Guid, Task<Hazard>> load, Func<Hazard, Task> change)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var h = await load(id);
        await change(h);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await HazardResponse.Describe(h, db, ct);
    }
}
