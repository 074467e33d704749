using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Domain;
using Beacon.Warnings.Features;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Sweeps;

/// <summary>
/// A recipient who has not acknowledged within the colour's time (10 minutes red and orange, 30 yellow) is
/// re-alerted on the next channel, then their B post, then their unit head (the duty roster of their unit).
/// </summary>
public sealed class WarningEscalationSweep(Outbox outbox, AckLinks links) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var due = await db.Set<WarningDelivery>().Where(d => d.AcknowledgedAt == null && d.EscalateAt != null && d.EscalateAt <= now)
            .OrderBy(d => d.EscalateAt).Take(500).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var warningIds = due.Select(d => d.WarningId).Distinct().ToList();
        var warnings = await db.Set<Warning>().Where(w => warningIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var userIds = due.Select(d => d.UserId).Distinct().ToList();
        var users = await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id))
            .Select(u => new WarningDispatch.Recipient(u.Id, u.UnitId, u.Unit!.Path, u.Email, u.PhoneNumber, u.DisplayName)).ToDictionaryAsync(u => u.Id, ct);
        // A unit without a shift of its own is covered by the nearest unit above that has one.
        var chains = due.Select(d => d.UnitPath).Distinct().ToDictionary(p => p, UnitPaths.Ids);
        var chainUnits = chains.Values.SelectMany(c => c).Distinct().ToList();
        var shifts = await db.Set<DutyShift>().IgnoreQueryFilters().Where(s => chainUnits.Contains(s.UnitId) && s.StartsAt <= now && s.EndsAt > now)
            .ToListAsync(ct);
        DutyShift? ShiftFor(string unitPath) =>
            chains[unitPath].AsEnumerable().Reverse().Select(u => shifts.FirstOrDefault(s => s.UnitId == u)).FirstOrDefault(s => s is not null);
        // One message per warning and B post or head, naming everyone of theirs who is silent, not one per recipient.
        var toBackups = new Dictionary<(Guid Warning, Guid To), (string UnitPath, List<string> Names)>();
        foreach (var d in due)
        {
            if (!warnings.TryGetValue(d.WarningId, out var w) || w.State != WarningState.Issued || !users.TryGetValue(d.UserId, out var user))
            {
                // Lifted or expired meanwhile: nothing left to escalate (and nobody acknowledged).
                d.Close();
                continue;
            }
            if (d.Version != w.Current.Number)
            {
                // A newer version went out with its own clock; this one no longer escalates.
                d.Close();
                continue;
            }
            var shift = ShiftFor(d.UnitPath);
            var b = shift?.BPostUserId is { } bp && bp != d.UserId ? bp : (Guid?)null;
            var head = shift?.HeadUserId is { } hp && hp != d.UserId ? hp : (Guid?)null;
            var reachable = Enum.GetValues<WarningChannel>().Where(c => WarningDispatch.Reachable(user, c)).ToList();
            var colour = w.Versions.First(v => v.Number == d.Version).Colour;
            Guid? backup = null;
            switch (d.Escalate(reachable, b is not null, head is not null, colour, now))
            {
                case ({ } stage, { } channel) when stage == EscalationStage.NextChannel:
                    WarningDispatch.Send(w, "warning.escalated", channel, user, d, db, outbox, links.For(d.Id));
                    break;
                case (EscalationStage.BPost, _):
                    backup = b;
                    break;
                case (EscalationStage.Head, _):
                    backup = head;
                    break;
            }
            if (backup is { } to)
            {
                if (!toBackups.TryGetValue((w.Id, to), out var entry))
                {
                    toBackups[(w.Id, to)] = entry = (shift!.UnitPath, []);
                }
                entry.Names.Add(user.Name);
            }
        }
        foreach (var ((warningId, to), (unitPath, names)) in toBackups)
        {
            var w = warnings[warningId];
            var who = names.Count <= 10 ? string.Join("、", names) : outbox.Text("Warning.Escalated.Names", string.Join("、", names.Take(10)), names.Count);
            outbox.ToUser(db, "warning.escalated", to, unitPath, outbox.Text("Warning.Escalated.Subject", w.Current.Content.Headline),
                outbox.Text("Warning.Escalated.Body", who), "warning", w.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
