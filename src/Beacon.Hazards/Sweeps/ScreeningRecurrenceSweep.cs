using Beacon.Hazards.Domain;
using Beacon.Hazards.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Sweeps;

/// <summary>Generates the next occurrence of each recurring plan whose period has ended (quarterly, monthly), and tells its scope.</summary>
public sealed class ScreeningRecurrenceSweep(Outbox outbox, LocalTime local) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var today = DateOnly.FromDateTime(local.ToLocal(db.Time.GetUtcNow()).DateTime);
        var ended = await db.Set<ScreeningPlan>().Where(p => p.Recurring && p.EndsOn < today
            && !db.Set<ScreeningPlan>().Any(n => n.RecurrenceOf == p.Id)).Take(100).ToListAsync(ct);
        var made = 0;
        foreach (var plan in ended)
        {
            if (plan.NextOccurrence(today, plan.CreatedBy, db.Time.GetUtcNow()) is { } next)
            {
                db.Set<ScreeningPlan>().Add(next);
                db.Set<ScreeningScope>().AddRange(next.ScopeUnitIds.Select(u => ScreeningScope.Of(next.Id, u)));
                await ScreeningNotices.TellScope(next, db, outbox, ct);
                made++;
            }
        }
        if (made > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return made;
    }
}
