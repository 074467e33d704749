using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

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

/// <summary>Reminds a unit shortly before a follow-up, a hand-over or a daily report falls due, once per deadline.</summary>
public sealed class ReminderSweep(Outbox outbox, LocalTime local) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var followUp = now + ReportObligation.ReminderLead(DeadlineKind.FollowUp)!.Value;
        var upward = now + ReportObligation.ReminderLead(DeadlineKind.Upward)!.Value;
        var daily = now + ReportObligation.ReminderLead(DeadlineKind.Daily)!.Value;
        var due = await db.Set<ReportObligation>()
            .Where(o => o.MetAt == null && o.CancelledAt == null && o.MissedAt == null && o.RemindedAt == null && o.DueAt >= now
                && ((o.Kind == DeadlineKind.FollowUp && o.DueAt <= followUp) || (o.Kind == DeadlineKind.Upward && o.DueAt <= upward)
                    || (o.Kind == DeadlineKind.Daily && o.DueAt <= daily)))
            .OrderBy(o => o.DueAt).Take(500).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var eventIds = due.Where(o => o.EventId is not null).Select(o => o.EventId!.Value).Distinct().ToList();
        var places = await db.Set<Report>().Where(r => eventIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Place, ct);
        var unitIds = due.Select(o => o.UnitId).Distinct().ToList();
        // Whoever files for the unit: its reporters, duty officers and analysts.
        var filers = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join role in db.Roles on ur.RoleId equals role.Id
                            where unitIds.Contains(u.UnitId) && !u.IsDisabled
                                && (role.Name == Roles.Reporter || role.Name == Roles.DutyOfficer || role.Name == Roles.Analyst)
                            select new { u.Id, u.UnitId }).Distinct().ToListAsync(ct);
        var sent = 0;
        foreach (var o in due)
        {
            if (!o.RemindIfDue(now))
            {
                continue;
            }
            sent++;
            var place = o.EventId is { } id ? places.GetValueOrDefault(id, "") : "";
            var (subject, body) = o.Kind switch
            {
                DeadlineKind.FollowUp => (outbox.Text("Reminder.FollowUp.Subject", place), outbox.Text("Reminder.FollowUp.Body", place, local.Format(o.DueAt))),
                DeadlineKind.Upward => (outbox.Text("Reminder.Upward.Subject", place), outbox.Text("Reminder.Upward.Body", place, local.Format(o.DueAt))),
                _ => (outbox.Text("Reminder.Daily.Subject", o.Day), outbox.Text("Reminder.Daily.Body", o.Day, local.Format(o.DueAt))),
            };
            foreach (var user in filers.Where(f => f.UnitId == o.UnitId))
            {
                outbox.ToUser(db, "report.reminder", user.Id, o.UnitPath, subject, body, "obligation", o.Id.ToString());
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return sent;
    }
}
