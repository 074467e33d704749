using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Beacon.Responses.Reporting;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>
/// The event handling report (事件处置报告): Beacon drafts it from the record as a Word document; the
/// commander edits it and files it back (<see cref="FileHandlingReport"/>), which moves the response to reported.
/// </summary>
public static class GetHandlingReport
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["activated"] = "启动响应",
        ["level"] = "级别调整",
        ["update"] = "态势更新",
        ["missed-update"] = "态势漏报",
        ["task-done"] = "任务完成",
        ["report"] = "首报",
        ["follow-up"] = "续报",
        ["warning"] = "预警",
        ["termination-requested"] = "申请终止",
        ["terminated"] = "终止响应",
        ["report-filed"] = "处置报告",
    };

    /// <summary>The filed report when there is one, else the draft from the record.</summary>
    public static async Task<(byte[] Content, string FileName)> Handle(Guid id, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var response = await ResponseAccess.Load(id, db, ct);
        if (await db.Set<HandlingReportFile>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.ResponseId == id, ct) is { } filed)
        {
            return (filed.Content, filed.FileName);
        }
        return (await Draft(response, db, time, ct), $"事件处置报告-{time.ToLocal(response.ActivatedAt):yyyyMMdd}-{response.Id.ToString("N")[..8]}.docx");
    }

    /// <summary>The draft, built from the record as it stands now.</summary>
    public static async Task<byte[]> Draft(Response r, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var unit = await db.Units.IgnoreQueryFilters().Where(u => u.Id == r.UnitId).Select(u => u.NameZh).FirstAsync(ct);
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == r.EventTypeCode).Select(t => t.NameZh).FirstOrDefaultAsync(ct) ?? r.EventTypeCode;
        var tasks = await db.Set<ResponseTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResponseId == r.Id).ToListAsync(ct);
        var unitIds = tasks.Select(t => t.AssigneeUnitId ?? Guid.Empty).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var names = await UserNames.Of(db, r.LevelChanges.Select(c => c.DecidedBy).Concat(tasks.Select(t => t.AssigneeUserId ?? Guid.Empty))
            .Append(r.CommanderId), ct);
        var groups = r.Groups.ToDictionary(g => g.Code, g => g.NameZh, StringComparer.Ordinal);
        var timeline = await GetResponseTimeline.For(r, db, ct);

        var warnings = new List<WarningRow>();
        if (r.SourceWarningId is { } wid && await db.Set<Warning>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.Id == wid, ct) is { } warning)
        {
            warnings.AddRange(warning.Versions.Where(v => v.Sent is not null).Select(v => new WarningRow(v.Sent, Colours.NameZh(v.Colour), v.Content.Headline ?? "",
                v.MsgType switch { "Cancel" => "已解除", "Update" => "已调整", _ => "已发布" })));
        }

        var deadlines = new List<DeadlineRow>();
        foreach (var t in tasks.Where(t => t.State != Domain.TaskState.Cancelled))
        {
            deadlines.Add(new DeadlineRow($"任务：{t.Title}", t.DueAt, t.DoneAt,
                t.DoneAt is { } d ? (d <= t.DueAt ? "按时" : "超时") : (now > t.DueAt ? "超时" : "进行中")));
        }
        var missed = await db.Set<MissedUpdate>().IgnoreQueryFilters().AsNoTracking().Where(m => m.ResponseId == r.Id).ToListAsync(ct);
        deadlines.AddRange(missed.Select(m => new DeadlineRow("态势更新", m.DueAt, null, "漏报")));
        if (r.SourceReportId is { } rid && await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == rid, ct) is { } report)
        {
            deadlines.Add(new DeadlineRow("首报", report.DueAt, report.ReceivedAt, report.Timeliness == Timeliness.OnTime ? "按时" : "超时"));
            var obligations = await db.Set<ReportObligation>().IgnoreQueryFilters().AsNoTracking().Where(o => o.EventId == report.EventId).ToListAsync(ct);
            foreach (var o in obligations.Where(o => o.CancelledAt is null))
            {
                var kind = o.Kind == DeadlineKind.Upward ? "向上级报告" : "续报";
                deadlines.Add(new DeadlineRow(kind, o.DueAt, o.MetAt, o.MissedAt is not null && o.MetAt is null ? "漏报"
                    : o.MetAt is { } met ? (met <= o.DueAt ? "按时" : "超时") : "进行中"));
            }
        }

        var model = new HandlingReportModel(unit, $"关于{r.Place}{type}事件的处置报告", type, r.Place, r.Scope, names.GetValueOrDefault(r.CommanderId, ""),
            r.ActivatedAt, r.TerminatedAt, r.TerminationCondition,
            r.LevelChanges.Select(c => new LevelRow(c.At, $"{Response.Roman(c.To)}级", names.GetValueOrDefault(c.DecidedBy, ""), c.From == 0 ? "启动" : c.Reason))
                .ToList(),
            timeline.Select(e => new TimelineRow(e.At, Kinds.GetValueOrDefault(e.Kind, e.Kind), e.Text, e.By)).ToList(),
            tasks.OrderBy(t => t.GroupCode, StringComparer.Ordinal).ThenBy(t => t.DueAt).Select(t => new TaskRow(groups.GetValueOrDefault(t.GroupCode, t.GroupCode),
                t.Title, t.AssigneeUserId is { } p ? names.GetValueOrDefault(p) : t.AssigneeUnitId is { } u ? units.GetValueOrDefault(u) : null, t.DueAt,
                t.State switch
                {
                    Domain.TaskState.Open => "待接收",
                    Domain.TaskState.Accepted => "已接收",
                    Domain.TaskState.InProgress => "处置中",
                    Domain.TaskState.Done => "已完成",
                    _ => "已取消",
                }, t.DoneAt, t.DoneAt is { } d ? d > t.DueAt : t.IsOverdue(now))).ToList(),
            warnings,
            (r.ResourcesUsed ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            deadlines.OrderBy(d => d.DueAt).ToList(),
            time.Zone, now);
        return HandlingReportDocument.Build(model);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/report.docx", async Task<IResult> (Guid id, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                var (content, name) = await Handle(id, db, time, ct);
                return TypedResults.File(content, DocxType, name);
            })
            .WithName("HandlingReportDocx")
            .WithSummary("The event handling report as Word (.docx): the one the commander filed, else a draft from the record (timeline, levels and who decided them, tasks, warnings, resources, deadlines met and missed).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
