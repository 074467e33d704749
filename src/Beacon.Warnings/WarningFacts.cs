using Beacon.Platform.Data;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings;

/// <summary>What another module needs of a warning (a response activated from it): whether it is in force, its event, area and colour (1 red … 4 blue).</summary>
public sealed record WarningFacts(Guid Id, bool InForce, string? EventTypeCode, string? AreaDescription, int Colour)
{
    /// <summary>A warning the caller may read, or null.</summary>
    public static async Task<WarningFacts?> FindAsync(BeaconDbContext db, Guid id, CancellationToken ct) =>
        await db.Readable<Warning>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is { } w
            ? new WarningFacts(w.Id, w.State == WarningState.Issued, w.EventTypeCode, w.Current.Content.AreaDescription, (int)w.Current.Colour)
            : null;
}
