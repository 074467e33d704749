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

/// <summary>
/// The office hands an assessed event to the unit above (上报): that unit's duty desk is alerted and owes its
/// own hand-over within the level's clock, until the event reaches the level it must reach.
/// </summary>
public static class ReportUpward
{
    public sealed record Request(string? Note);

    public sealed record HopResponse(Guid Id, Guid ReportId, Guid FromUnitId, Guid ToUnitId, DateTimeOffset SentAt, DateTimeOffset? DueAt,
        string? Timeliness, DateTimeOffset? NextDueAt);

    public static async Task<HopResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.ReportsAssess) && !db.Actor.Has(Permissions.DutyDesk))
        {
            throw new ForbiddenException(Text.Get("Forbidden.Permission", Permissions.ReportsAssess));
        }
        var me = db.Actor.RequireUserId();
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        // The sweep must not record as missing what this is about to file.
        await db.LockAsync(WriteLock.Deadlines, ct);
        var ev = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        var from = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
        if (await db.Set<UpwardHop>().AnyAsync(h => h.ReportId == ev.Id && h.FromUnitId == from.Id, ct))
        {
            throw new ConflictException(Text.Get("Report.AlreadyUp"));
        }
        var now = db.Time.GetUtcNow();
        var due = await db.Set<ReportObligation>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(o => o.EventId == ev.EventId && o.Kind == DeadlineKind.Upward && o.UnitId == from.Id && o.MetAt == null && o.CancelledAt == null, ct);
        var parentId = from.ParentId ?? throw new DomainException(Text.Get("Report.HighEnough", ev.Level?.ToString() ?? "-"));
        var chain = await DutyDesks.KindsAlong(db, from.Path, ct);
        var hop = UpwardHop.Send(ev, from.Id, chain, parentId, r.Note, me, now, due);
        db.Set<UpwardHop>().Add(hop);

        // Units below that still owed the hand-over are past it now: it has gone over their heads.
        var below = await db.Set<ReportObligation>()
            .Where(o => o.EventId == ev.EventId && o.Kind == DeadlineKind.Upward && o.MetAt == null && o.CancelledAt == null && o.MissedAt == null
                && o.UnitPath.StartsWith(from.Path) && o.UnitId != from.Id)
            .ToListAsync(ct);
        foreach (var o in below)
        {
            o.Cancel(now);
        }

        var parentPath = await db.UnitPathAsync(parentId, ct);
        // The parent owes the next hop unless the event has reached the level it must reach, or the parent already has it in hand.
        var parentHasIt = await db.Set<UpwardHop>().IgnoreQueryFilters().AnyAsync(h => h.ReportId == ev.Id && h.FromUnitId == parentId, ct)
            || await db.Set<ReportObligation>().IgnoreQueryFilters()
                .AnyAsync(o => o.EventId == ev.EventId && o.Kind == DeadlineKind.Upward && o.UnitId == parentId, ct);
        ReportObligation? next = null;
        if (!parentHasIt && UpwardRoute.MustGoOn(chain.SkipLast(1).ToList(), ev.Level!.Value))
        {
            next = ReportObligation.Upward(ev.EventId, parentId, parentPath, now, (await Policies.ForAsync(db, parentPath, ct)).Rule(DeadlineKind.Upward, ev.Level));
            db.Set<ReportObligation>().Add(next);
        }
        if (await DutyDesks.For(db, parentPath, now, ct) is { } desk)
        {
            db.Set<DutyAlert>().Add(DutyAlert.Raise(ev.Id, desk.UnitId, desk.UnitPath, desk.Shift, now,
                (await Policies.ForAsync(db, desk.UnitPath, ct)).Rule(DeadlineKind.Receipt)));
            var subject = outbox.Text("Report.Upward.Subject", ev.Level, ev.Place);
            var body = outbox.Text("Report.Upward.Body", from.NameZh, ev.Level, ev.Place, ev.AssessmentSummary ?? "", hop.Note ?? "");
            foreach (var officer in desk.Recipients)
            {
                outbox.ToUser(db, "report.received", officer, desk.UnitPath, subject, body, "report", ev.Id.ToString());
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new HopResponse(hop.Id, hop.ReportId, hop.FromUnitId, hop.ToUnitId, hop.SentAt, hop.DueAt, ReportResponse.Name(hop.Timeliness), next?.DueAt);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/upward", async Task<Created<HopResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Created($"/api/reports/{id}/timeline", await Handle(id, r, db, outbox, ct)))
            .WithName("ReportUpward")
            .WithSummary("Hands the assessed event from the caller's unit to the unit above (上报); timed against the level's clock (1/2/8/12 h).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
