using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Sweeps;

/// <summary>Alerts the next post when a received report is still unacknowledged after its clock: A post, then B post, then the unit head.</summary>
public sealed class ReceiptEscalationSweep(Outbox outbox) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var due = await db.Set<DutyAlert>().Where(a => a.AcknowledgedAt == null && a.EscalateAt != null && a.EscalateAt <= now)
            .OrderBy(a => a.EscalateAt).Take(200).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var shiftIds = due.Where(a => a.ShiftId is not null).Select(a => a.ShiftId!.Value).Distinct().ToList();
        var shifts = await db.Set<DutyShift>().Where(s => shiftIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var reportIds = due.Select(a => a.ReportId).Distinct().ToList();
        var reports = await db.Set<Report>().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var unitIds = due.Select(a => a.UnitId).Distinct().ToList();
        // Whoever is on duty now takes the escalation, not the shift of when the report came in.
        var current = await db.Set<DutyShift>().Where(s => unitIds.Contains(s.UnitId) && s.StartsAt <= now && s.EndsAt > now).ToListAsync(ct);
        var changed = 0;
        foreach (var alert in due)
        {
            var shift = current.FirstOrDefault(c => c.UnitId == alert.UnitId)
                ?? (alert.ShiftId is { } sid && shifts.TryGetValue(sid, out var s) ? s : null);
            var before = (alert.Stage, alert.EscalateAt);
            var receipt = (await Policies.ForAsync(db, alert.UnitPath, ct)).Rule(DeadlineKind.Receipt);
            var waited = (int)Math.Round((now - alert.RaisedAt).TotalMinutes);
            if (alert.EscalateIfDue(shift, now, receipt) is { } userId && reports.TryGetValue(alert.ReportId, out var report))
            {
                outbox.ToUser(db, "report.escalated", userId, alert.UnitPath,
                    outbox.Text("Report.Escalated.Subject", report.Place),
                    outbox.Text("Report.Escalated.Body", report.Place, waited), "report", report.Id.ToString());
            }
            if ((alert.Stage, alert.EscalateAt) != before)
            {
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
