using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A follow-up report (续报) or the final report (终报) of an event: answers the follow-up clock and restarts it.</summary>
public static class FileFollowUp
{
    public sealed record Request(string? Progress, int? PeopleAffected, int? Deaths, int? Injuries, int? Missing, string? Cause,
        string? MeasuresTaken, string? NextSteps, int? Level, bool IsFinal);

    public sealed record FollowUpResponse(Guid Id, Guid EventId, int Sequence, DateTimeOffset FiledAt, string Progress, int? PeopleAffected,
        int? Deaths, int? Injuries, int? Missing, string? Cause, string? MeasuresTaken, string? NextSteps, string? Level, bool IsFinal,
        DateTimeOffset? DueAt, string? Timeliness, DateTimeOffset? NextDueAt)
    {
        public static FollowUpResponse From(FollowUpReport f, DateTimeOffset? nextDue) => new(f.Id, f.EventId, f.Sequence, f.FiledAt, f.Progress,
            f.PeopleAffected, f.Deaths, f.Injuries, f.Missing, f.Cause, f.MeasuresTaken, f.NextSteps, f.Level?.ToString(), f.IsFinal, f.DueAt,
            ReportResponse.Name(f.Timeliness), nextDue);
    }

    public static async Task<FollowUpResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsFile);
        var me = db.Actor.RequireUserId();
        // One follow-up at a time per database: each takes the next number and answers the open clock once.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        // The sweep must not record as missing what this is about to file.
        await db.LockAsync(WriteLock.Deadlines, ct);
        var ev = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        var now = db.Time.GetUtcNow();
        var followUp = ev.AddFollowUp(new FollowUpDraft(r.Progress, r.PeopleAffected, r.Deaths, r.Injuries, r.Missing, r.Cause,
            r.MeasuresTaken, r.NextSteps, r.Level, r.IsFinal), me, db.Actor.Has(Permissions.ReportsAssess), now);
        var open = await db.Set<ReportObligation>()
            .Where(o => o.EventId == ev.EventId && o.Kind == DeadlineKind.FollowUp && o.MetAt == null && o.CancelledAt == null && o.MissedAt == null)
            .OrderBy(o => o.DueAt).ToListAsync(ct);
        if (open.FirstOrDefault() is { } due)
        {
            followUp.Answer(due);
        }
        foreach (var stale in open.Skip(1))
        {
            stale.Cancel(now);
        }
        db.Set<FollowUpReport>().Add(followUp);
        if (followUp.Level is { } regraded)
        {
            // A lower level may not need to travel as far: hand-overs above its new target are no longer owed.
            var upward = await db.Set<ReportObligation>().IgnoreQueryFilters()
                .Where(o => o.EventId == ev.EventId && o.Kind == DeadlineKind.Upward && o.MetAt == null && o.CancelledAt == null && o.MissedAt == null)
                .ToListAsync(ct);
            foreach (var o in upward)
            {
                if (!UpwardRoute.MustGoOn(await DutyDesks.KindsAlong(db, o.UnitPath, ct), regraded))
                {
                    o.Cancel(now);
                }
            }
        }
        var policies = await Policies.ForAsync(db, ev.UnitPath, ct);
        ReportObligation? next = null;
        if (ev.IsOpen && Report.OwesFollowUps(ev.Level, policies))
        {
            next = ReportObligation.FollowUp(ev.EventId, ev.UnitId, ev.UnitPath, followUp.FiledAt, policies.Rule(DeadlineKind.FollowUp, ev.Level));
            db.Set<ReportObligation>().Add(next);
        }

        var subject = outbox.Text(followUp.IsFinal ? "Report.Final.Subject" : "Report.FollowUp.Subject", followUp.Sequence, ev.Place);
        foreach (var officer in await DutyDesks.OfficersFor(db, ev.UnitPath, ct))
        {
            outbox.ToUser(db, "report.follow-up", officer, await DutyDesks.UnitPathOfUser(db, officer, ct), subject, followUp.Progress,
                "report", ev.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return FollowUpResponse.From(followUp, next?.DueAt);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/followups", async Task<Created<FollowUpResponse>> (Guid id, Request request, BeaconDbContext db, Outbox outbox,
                CancellationToken ct) =>
            {
                var f = await Handle(id, request, db, outbox, ct);
                return TypedResults.Created($"/api/reports/{id}/timeline", f);
            })
            .WithName("FileFollowUp")
            .WithSummary("Files a follow-up (续报), or the final report (终报) with isFinal; a change of level needs an analyst.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
