using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Beacon.Supervision.Domain;
using Beacon.Supervision.Features;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Sweeps;

/// <summary>
/// Past its deadline an open matter gets a supervision card (督办卡) with a new deadline (deadline policy
/// SupervisionCard, 5 days by default); still open past that, its responsible leader owes a written
/// explanation and it enters the accountability list (查办). Everyone concerned is told.
/// </summary>
public sealed class SupervisionSweep(Outbox outbox, LocalTime local) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var now = db.Time.GetUtcNow();
        var due = await db.Set<Matter>()
            .Where(m => (m.State == MatterState.Assigned || m.State == MatterState.InProgress)
                && ((m.Stage == SupervisionStage.None && m.Deadline < now) || m.Stage == SupervisionStage.Card))
            .OrderBy(m => m.Deadline).Take(500).ToListAsync(ct);
        var changed = 0;
        foreach (var m in due)
        {
            var period = (await Policies.ForAsync(db, m.UnitPath, ct)).Rule(DeadlineKind.SupervisionCard).Within;
            if (m.IssueCardIfDue(now, period) is { } card)
            {
                var subject = outbox.Text("Matter.Card.Subject", card.Number, m.Title);
                var body = outbox.Text("Matter.Card.Body", m.Code, local.Format(card.OriginalDeadline), local.Format(card.CardDeadline));
                await MatterNotices.TellHandlingSide(m, "matter.carded", subject, body, db, outbox, ct);
                await MatterNotices.TellOffice(m, "matter.carded", subject, body, db, outbox, ct);
                db.AuditEvent("matter.carded", "Matter", m.Id.ToString(), new { card.Number, card.CardDeadline }, m.UnitPath);
                changed++;
            }
            else if (m.RequireExplanationIfDue(now))
            {
                var subject = outbox.Text("Matter.ExplanationDue.Subject", m.Title);
                var body = outbox.Text("Matter.ExplanationDue.Body", m.Code, local.Format(m.Cards[^1].CardDeadline));
                await MatterNotices.TellHandlingSide(m, "matter.explanation-due", subject, body, db, outbox, ct);
                await MatterNotices.TellOffice(m, "matter.explanation-due", subject, body, db, outbox, ct);
                db.AuditEvent("matter.accountability", "Matter", m.Id.ToString(), new { m.Code }, m.UnitPath);
                changed++;
            }
        }
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return changed;
    }
}
