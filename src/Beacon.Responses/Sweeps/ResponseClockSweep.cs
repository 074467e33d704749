using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Features;
using Beacon.Responses.Domain;
using Beacon.Responses.Features;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Sweeps;

/// <summary>
/// A level I/II response whose situation update is not in by its time has the miss recorded (like a missing
/// report) and the commander and the unit's duty desk are told; a handling report past its time is recorded
/// overdue once and the commander reminded.
/// </summary>
public sealed class ResponseClockSweep(Outbox outbox, LocalTime local) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        // Under the responses lock, so an update being posted and the sweep never both decide one slot.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var now = db.Time.GetUtcNow();
        var late = await db.Set<Response>()
            .Where(r => (r.UpdateDueAt != null && r.UpdateDueAt < now && (r.State == ResponseState.Active || r.State == ResponseState.Terminating))
                || (r.State == ResponseState.Terminated && r.ReportDueAt != null && r.ReportDueAt < now && r.ReportOverdueAt == null))
            .OrderBy(r => r.UpdateDueAt).Take(200).ToListAsync(ct);
        if (late.Count == 0)
        {
            return 0;
        }
        var changed = 0;
        foreach (var r in late)
        {
            if (r.UpdateDueAt is not null)
            {
                var interval = await ResponseClocks.UpdateInterval(db, r.UnitPath, r.Level, ct);
                var slots = r.TakeMissedUpdates(now, interval);
                if (slots.Count > 0)
                {
                    db.Set<MissedUpdate>().AddRange(slots.Select(s => MissedUpdate.For(r, s, now)));
                    var desk = await DutyDesks.OfficersFor(db, r.UnitPath, ct);
                    var subject = outbox.Text("Response.UpdateMissed.Subject", r.Place);
                    var body = outbox.Text("Response.UpdateMissed.Body", string.Join("、", slots.Select(local.Format)), r.UpdateDueAt is { } next ? local.Format(next) : "—");
                    foreach (var user in desk.Append(r.CommanderId).Distinct())
                    {
                        outbox.ToUser(db, "response.update-missed", user, r.UnitPath, subject, body, "response", r.Id.ToString());
                    }
                    db.AuditEvent("response.update-missed", "Response", r.Id.ToString(), new { Slots = slots.Count }, r.UnitPath);
                    changed++;
                }
            }
            if (r.MarkReportOverdue(now))
            {
                outbox.ToUser(db, "response.report-overdue", r.CommanderId, r.UnitPath, outbox.Text("Response.ReportOverdue.Subject", r.Place),
                    outbox.Text("Response.ReportOverdue.Body", local.Format(r.ReportDueAt!.Value)), "response", r.Id.ToString());
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
