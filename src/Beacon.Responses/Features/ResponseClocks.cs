using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Features;

/// <summary>A response's clocks, from the deadline policies of its unit.</summary>
internal static class ResponseClocks
{
    /// <summary>How often a situation update is due at a level (levels III and IV owe none: the interval only spaces the clock).</summary>
    internal static async Task<TimeSpan> UpdateInterval(BeaconDbContext db, string unitPath, int level, CancellationToken ct) =>
        Response.OwesUpdates(level)
            ? (await Policies.ForAsync(db, unitPath, ct)).Rule(DeadlineKind.SituationUpdate, (EventLevel)level).Within
            : TimeSpan.FromMinutes(30);

    /// <summary>How long after termination the handling report is due.</summary>
    internal static async Task<TimeSpan> ReportWindow(BeaconDbContext db, string unitPath, CancellationToken ct) =>
        (await Policies.ForAsync(db, unitPath, ct)).Rule(DeadlineKind.HandlingReport).Within;
}
