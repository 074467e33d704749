using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

internal static class HazardCodes
{
    /// <summary>"YH-2026-000001": numbered per year, under the hazards lock.</summary>
    internal static Task<Func<string>> Sequence(BeaconDbContext db, DateTimeOffset now, CancellationToken ct) =>
        YearlyCodes.SequenceAsync(db.Set<Hazard>().IgnoreQueryFilters().Select(h => h.Code), "YH", now, ct);
}
