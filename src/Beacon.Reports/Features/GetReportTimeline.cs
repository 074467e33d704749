using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The event's timeline: first report, receipts, assessment, hand-overs upward, follow-ups, missed reports, flags and circulations, in time order.</summary>
public static class GetReportTimeline
{
    public sealed record Entry(DateTimeOffset At, string Kind, string Text, string? By, DateTimeOffset? DueAt, string? Timeliness);

    public sealed record TimelineResponse(ReportResponse Report, IReadOnlyList<Entry> Entries, DateTimeOffset? NextFollowUpDueAt, int MissedFollowUps,
        DateTimeOffset? NextUpwardDueAt);

    public static async Task<TimelineResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var ev = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        var followUps = await db.Set<FollowUpReport>().AsNoTracking().Where(f => f.EventId == ev.EventId).OrderBy(f => f.Sequence).ToListAsync(ct);
        // Clocks, receipts and circulations of the caller's subtree only: those of the desks above are theirs.
        var dues = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.EventId == ev.EventId).ToListAsync(ct);
        var hops = await db.Set<UpwardHop>().AsNoTracking().Where(h => h.ReportId == ev.Id).ToListAsync(ct);
        var flags = await db.Set<ReportFlag>().AsNoTracking().Where(f => f.ReportId == ev.Id).ToListAsync(ct);
        var alerts = await db.Set<DutyAlert>().AsNoTracking().Where(a => a.ReportId == ev.Id && a.AcknowledgedAt != null).ToListAsync(ct);
        var circulations = await db.Set<Circulation>().AsNoTracking().Where(c => c.ReportId == ev.Id).ToListAsync(ct);
        var people = new HashSet<Guid>([ev.ReporterId, .. followUps.Select(f => f.ReporterId), .. flags.Select(f => f.FlaggedBy),
            .. alerts.Select(a => a.AcknowledgedBy!.Value), .. circulations.Select(c => c.SentBy), .. hops.Select(h => h.SentBy)]);
        if (ev.AssessedBy is { } analyst)
        {
            people.Add(analyst);
        }
        var names = await db.Users.IgnoreQueryFilters().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitIds = circulations.Select(c => c.UnitId).Concat(hops.Select(h => h.ToUnitId)).Concat(dues.Select(o => o.UnitId)).ToHashSet();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        string? Name(Guid? who) => who is { } w && names.TryGetValue(w, out var n) ? n : null;

        var entries = new List<Entry>
        {
            new(ev.ReceivedAt, "first-report", $"{ev.Place}: {ev.MeasuresTaken}", Name(ev.ReporterId), ev.DueAt, ReportResponse.Name(ev.Timeliness)),
        };
        entries.AddRange(alerts.Select(a => new Entry(a.AcknowledgedAt!.Value, "receipt", a.Stage.ToString(), Name(a.AcknowledgedBy), null, null)));
        if (ev.AssessedAt is { } assessed)
        {
            entries.Add(new(assessed, "assessment", $"{ev.Level}: {ev.AssessmentSummary}", Name(ev.AssessedBy), ev.AssessmentDueAt,
                ReportResponse.Name(ev.AssessmentTimeliness)));
        }
        entries.AddRange(followUps.Select(f => new Entry(f.FiledAt, f.IsFinal ? "final-report" : "follow-up",
            f.Level is { } l ? $"[{l}] {f.Progress}" : f.Progress, Name(f.ReporterId), f.DueAt, ReportResponse.Name(f.Timeliness))));
        entries.AddRange(dues.Where(o => o.MissedAt is not null).Select(o => new Entry(o.DueAt,
            o.Kind == DeadlineKind.Upward ? "missed-upward" : "missed-follow-up", units.GetValueOrDefault(o.UnitId, ""), null, o.DueAt, "missing")));
        entries.AddRange(hops.Select(h => new Entry(h.SentAt, "upward", units.GetValueOrDefault(h.ToUnitId, "") + (h.Note is null ? "" : $": {h.Note}"),
            Name(h.SentBy), h.DueAt, ReportResponse.Name(h.Timeliness))));
        entries.AddRange(flags.Select(f => new Entry(f.FlaggedAt, "flag", $"{f.Kind}: {f.Reason}", Name(f.FlaggedBy), null, null)));
        entries.AddRange(circulations.Select(c => new Entry(c.SentAt, "circulation",
            (units.TryGetValue(c.UnitId, out var u) ? u : c.UnitId.ToString()) + (c.Note is null ? "" : $": {c.Note}"), Name(c.SentBy), null,
            c.AcknowledgedAt is null ? null : "acknowledged")));
        var followUps2 = dues.Where(o => o.Kind == DeadlineKind.FollowUp).ToList();
        var next = followUps2.Where(o => o.State == ObligationState.Open).OrderBy(o => o.DueAt).FirstOrDefault()?.DueAt;
        var upward = dues.Where(o => o.Kind == DeadlineKind.Upward && o.State == ObligationState.Open).OrderBy(o => o.DueAt).FirstOrDefault()?.DueAt;
        return new TimelineResponse(ReportResponse.From(ev), entries.OrderBy(e => e.At).ToList(), next, followUps2.Count(o => o.MissedAt is not null), upward);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/timeline", async Task<Ok<TimelineResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetReportTimeline")
            .WithSummary("The event's timeline with every deadline and how it went, and when the next follow-up is due.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
