using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Sweeps;

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
