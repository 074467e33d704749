using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Beacon.Reports.Features;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Sweeps;

/// <summary>
/// Records missing reports (漏报): follow-ups and daily reports past their due time with nothing filed. A
/// missed follow-up of an open event starts the next 30-minute slot from the missed one, so the cadence holds.
/// </summary>
public sealed class MissingReportSweep(Outbox outbox, LocalTime local) : ISweep
{
    public const int BatchSize = 500;

    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        // Hosts take turns; whoever comes second finds the items already recorded.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var due = await db.Set<ReportObligation>()
            .Where(o => o.MetAt == null && o.CancelledAt == null && o.MissedAt == null && o.DueAt < now)
            .OrderBy(o => o.DueAt).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var eventIds = due.Where(o => o.EventId is not null).Select(o => o.EventId!.Value).Distinct().ToList();
        var events = await db.Set<Report>().IgnoreQueryFilters().Where(r => eventIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var policies = new Dictionary<string, IReadOnlyList<DeadlinePolicy>>(StringComparer.Ordinal);
        var desks = new Dictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        var recorded = 0;
        foreach (var o in due)
        {
            if (!o.MissIfDue(now))
            {
                continue;
            }
            recorded++;
            if (o.Kind == DeadlineKind.FollowUp && o.EventId is { } eventId && events.TryGetValue(eventId, out var ev) && ev.IsOpen)
            {
                if (!policies.TryGetValue(ev.UnitPath, out var rules))
                {
                    policies[ev.UnitPath] = rules = await Policies.ForAsync(db, ev.UnitPath, ct);
                }
                if (Report.OwesFollowUps(ev.Level, rules))
                {
                    // The cadence holds from the missed slot. Slots that passed while no sweep ran (a stopped
                    // server) are each recorded as missing here, under this one notice.
                    var rule = rules.Rule(DeadlineKind.FollowUp, ev.Level);
                    var next = ReportObligation.FollowUp(ev.EventId, ev.UnitId, ev.UnitPath, o.DueAt, rule);
                    while (next.MissIfDue(now))
                    {
                        db.Set<ReportObligation>().Add(next);
                        recorded++;
                        next = ReportObligation.FollowUp(ev.EventId, ev.UnitId, ev.UnitPath, next.DueAt, rule);
                    }
                    db.Set<ReportObligation>().Add(next);
                }
            }
            if (!desks.TryGetValue(o.UnitPath, out var officers))
            {
                desks[o.UnitPath] = officers = await DutyDesks.OfficersFor(db, o.UnitPath, ct);
            }
            var dueText = local.Format(o.DueAt);
            var (subject, body) = o.EventId is { } id && events.TryGetValue(id, out var e)
                ? o.Kind == DeadlineKind.Upward
                    ? (outbox.Text("Missing.Upward.Subject", e.Place), outbox.Text("Missing.Upward.Body", e.Place, dueText))
                    : (outbox.Text("Missing.FollowUp.Subject", e.Place), outbox.Text("Missing.FollowUp.Body", e.Place, dueText))
                : (outbox.Text("Missing.Daily.Subject", o.Day), outbox.Text("Missing.Daily.Body", o.Day));
            foreach (var officer in officers)
            {
                outbox.ToUser(db, "report.missing", officer, o.UnitPath, subject, body, "obligation", o.Id.ToString());
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return recorded;
    }
}
