using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>
/// The event's timeline, read from the record: activation and level decisions, situation updates and the
/// ones missed, tasks done, the source event's follow-up reports, the source warning's versions, termination.
/// </summary>
public static class GetResponseTimeline
{
    /// <param name="Kind">activated, level, update, missed-update, task-done, follow-up, warning, termination-requested, terminated, report-filed.</param>
    public sealed record Entry(DateTimeOffset At, string Kind, string Text, string? By);

    public static async Task<IReadOnlyList<Entry>> Handle(Guid id, BeaconDbContext db, CancellationToken ct) =>
        await For(await ResponseAccess.Load(id, db, ct), db, ct);

    /// <summary>The timeline of a response already read (the handling report's draft and the board build on it).</summary>
    public static async Task<IReadOnlyList<Entry>> For(Response r, BeaconDbContext db, CancellationToken ct)
    {
        var entries = new List<Raw>();
        foreach (var c in r.LevelChanges)
        {
            entries.Add(new Raw(c.At, c.From == 0 ? "activated" : "level", c.From == 0
                ? $"启动{Response.Roman(c.To)}级响应"
                : $"响应级别由{Response.Roman(c.From)}级调整为{Response.Roman(c.To)}级：{c.Reason}", Name(c.DecidedBy)));
        }
        var updates = await db.Set<SituationUpdate>().IgnoreQueryFilters().AsNoTracking().Where(u => u.ResponseId == r.Id).ToListAsync(ct);
        entries.AddRange(updates.Select(u => new Raw(u.At, "update", u.Text, Name(u.By))));
        var missed = await db.Set<MissedUpdate>().IgnoreQueryFilters().AsNoTracking().Where(m => m.ResponseId == r.Id).ToListAsync(ct);
        entries.AddRange(missed.Select(m => new Raw(m.DueAt, "missed-update", "态势更新未按时报送（漏报）", null)));
        var done = await db.Set<ResponseTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResponseId == r.Id && t.DoneAt != null).ToListAsync(ct);
        entries.AddRange(done.Select(t => new Raw(t.DoneAt!.Value, "task-done", $"完成任务：{t.Title}" + (t.CompletionNote is { } n ? $"（{n}）" : ""),
            Name(t.DoneBy))));
        if (r.SourceReportId is { } reportId
            && await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == reportId, ct) is { } report)
        {
            entries.Add(new Raw(report.ReceivedAt, "report", $"首报：{report.Place}，{report.MeasuresTaken}", Name(report.ReporterId)));
            var followUps = await db.Set<FollowUpReport>().IgnoreQueryFilters().AsNoTracking().Where(f => f.EventId == report.EventId).ToListAsync(ct);
            entries.AddRange(followUps.Select(f => new Raw(f.FiledAt, "follow-up", $"续报（第{f.Sequence}次）：{f.Progress}", Name(f.ReporterId))));
        }
        if (r.SourceWarningId is { } warningId
            && await db.Set<Warning>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == warningId, ct) is { } warning)
        {
            entries.AddRange(warning.Versions.Where(v => v.Sent is not null).Select(v => new Raw(v.Sent!.Value, "warning", v.MsgType switch
            {
                "Cancel" => $"解除{Colours.NameZh(v.Colour)}预警：{v.Reason}",
                "Update" => $"预警调整为{Colours.NameZh(v.Colour)}：{v.Content.Headline}",
                _ => $"发布{Colours.NameZh(v.Colour)}预警：{v.Content.Headline}",
            }, Name(v.DecidedBy))));
        }
        if (r.TerminationRequestedAt is { } requested)
        {
            entries.Add(new Raw(requested, "termination-requested", $"提出终止响应，终止条件：{r.TerminationCondition}", Name(r.TerminationRequestedBy)));
        }
        if (r.TerminatedAt is { } terminated)
        {
            entries.Add(new Raw(terminated, "terminated", $"终止{Response.Roman(r.Level)}级响应", Name(r.TerminatedBy)));
        }
        if (r.ReportFiledAt is { } filed)
        {
            entries.Add(new Raw(filed, "report-filed", "报送事件处置报告", Name(r.ReportFiledBy)));
        }
        var names = await UserNames.Of(db, entries.Select(e => e.By ?? Guid.Empty), ct);
        return entries.OrderBy(e => e.At).Select(e => new Entry(e.At, e.Kind, e.Text, e.By is { } id ? names.GetValueOrDefault(id) : null)).ToList();
    }

    // The user's id until the names are read in one query at the end.
    private sealed record Raw(DateTimeOffset At, string Kind, string Text, Guid? By);

    private static Guid? Name(Guid? id) => id is { } user && user != Guid.Empty ? user : null;

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/timeline", async Task<Ok<IReadOnlyList<Entry>>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("ResponseTimeline")
            .WithSummary("The event's timeline: activation and level decisions, situation updates and missed ones, tasks done, follow-up reports of the source event, warning versions, termination.");
    }
}
