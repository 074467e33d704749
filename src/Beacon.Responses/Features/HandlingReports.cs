using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Beacon.Responses.Reporting;
using Beacon.Warnings.Domain;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>
/// The event handling report (事件处置报告): Beacon drafts it from the record as a Word document; the
/// commander edits it and files it back, which moves the response to reported.
/// </summary>
public static class HandlingReports
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const int MaxBytes = 10 * 1024 * 1024;

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

    /// <summary>The draft, built from the record as it stands now.</summary>
    public static async Task<byte[]> Draft(Response r, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var unit = await db.Units.IgnoreQueryFilters().Where(u => u.Id == r.UnitId).Select(u => u.NameZh).FirstAsync(ct);
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == r.EventTypeCode).Select(t => t.NameZh).FirstOrDefaultAsync(ct) ?? r.EventTypeCode;
        var tasks = await db.Set<ResponseTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResponseId == r.Id).ToListAsync(ct);
        var unitIds = tasks.Select(t => t.AssigneeUnitId ?? Guid.Empty).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var names = await ResponseEndpoints.Names(db, r.LevelChanges.Select(c => c.DecidedBy).Concat(tasks.Select(t => t.AssigneeUserId ?? Guid.Empty))
            .Append(r.CommanderId), ct);
        var groups = r.Groups.ToDictionary(g => g.Code, g => g.NameZh, StringComparer.Ordinal);
        var timeline = await Timeline.For(r, db, ct);

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

    /// <summary>The filed report when there is one, else the draft from the record.</summary>
    public static async Task<(byte[] Content, string FileName)> Get(Guid id, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var response = await ResponseEndpoints.Get(id, db, ct);
        if (await db.Set<HandlingReportFile>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.ResponseId == id, ct) is { } filed)
        {
            return (filed.Content, filed.FileName);
        }
        return (await Draft(response, db, time, ct), $"事件处置报告-{time.ToLocal(response.ActivatedAt):yyyyMMdd}-{response.Id.ToString("N")[..8]}.docx");
    }

    /// <summary>The commander files the finalised report: a Word document that opens, up to 10 MB.</summary>
    public static async Task<ResponseDetail> File(Guid id, string fileName, Stream content, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Response.ReportTooLarge", MaxBytes / 1024 / 1024)] });
            }
            await buffer.WriteAsync(chunk.AsMemory(0, n), ct);
        }
        var bytes = buffer.ToArray();
        if (!OpensAsWord(bytes))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Response.ReportNotDocx")] });
        }
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseEndpoints.Get(id, db, ct);
        // Besides the commander, a leader of the response's subtree with the level's authority; not one who only takes part.
        var authority = db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)
            ? await ResponseEndpoints.AuthorityOf(db, ct) : Authority.None;
        response.FileReport(db.Actor.RequireUserId(), authority, db.Time.GetUtcNow());
        var name = Path.GetFileName(fileName);
        db.Set<HandlingReportFile>().Add(HandlingReportFile.For(response, string.IsNullOrWhiteSpace(name) || name.Length > 200 ? "事件处置报告.docx" : name, bytes,
            db.Actor.RequireUserId(), db.Time.GetUtcNow()));
        foreach (var (user, path) in await ResponseEndpoints.FilingBody(db, response, ct))
        {
            outbox.ToUser(db, "response.report-filed", user, path, outbox.Text("Response.ReportFiled.Subject", response.Place), response.Scope, "response",
                response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseEndpoints.Detail(response, db, ct);
    }

    private static bool OpensAsWord(byte[] bytes)
    {
        try
        {
            // A compressed part can inflate a hundredfold: cap what is read, and take documents, not macro-enabled ones.
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false, new OpenSettings { MaxCharactersInPart = 50_000_000 });
            return doc.DocumentType == DocumentFormat.OpenXml.WordprocessingDocumentType.Document && doc.MainDocumentPart?.Document?.Body is not null;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException
            or System.Xml.XmlException or InvalidOperationException)
        {
            return false;
        }
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/report.docx", async Task<IResult> (Guid id, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                var (content, name) = await Get(id, db, time, ct);
                return TypedResults.File(content, DocxType, name);
            })
            .WithName("HandlingReportDocx")
            .WithSummary("The event handling report as Word (.docx): the one the commander filed, else a draft from the record (timeline, levels and who decided them, tasks, warnings, resources, deadlines met and missed).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/report", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Response.ReportFile")] });
                }
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await File(id, file.FileName, stream, db, outbox, ct));
            })
            .WithName("FileHandlingReport")
            .WithSummary("The commander files the finalised report (form field 'file', .docx up to 10 MB) once the response is terminated; it becomes reported.")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
