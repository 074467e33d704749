using System.Globalization;
using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Beacon.Hazards.Features;

public static class ExportHazards
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxRows = 200_000;

    private static readonly string[] Header =
        ["编号", "发现单位", "来源", "领域", "地点", "隐患描述", "可能性", "影响", "风险等级", "状态", "发现时间", "整改责任单位", "责任人", "整改措施", "整改期限", "时限状态", "销号时间", "重复次数"];

    /// <summary>
    /// The ledger as .xlsx, written row by row with the Open XML SDK's streaming writer, so 100,000 hazards
    /// never sit in memory as a workbook.
    /// </summary>
    public static async Task Handle(HazardFilter f, Stream output, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var q = await HazardLedger.Query(f, db, ct);
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var now = db.Time.GetUtcNow();
        db.AuditEvent("hazards.exported", "Hazard", null, new { f.UnitId, f.Level, f.State, f.Domain, f.From, f.To });
        await db.SaveChangesAsync(ct);
        // On disk, not in memory: the package keeps its parts until it is closed.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            System.IO.FileOptions.DeleteOnClose | System.IO.FileOptions.Asynchronous);
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new X.Workbook();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            using (var w = OpenXmlWriter.Create(sheetPart))
            {
                w.WriteStartElement(new X.Worksheet());
                w.WriteStartElement(new X.SheetData());
                WriteRow(w, Header);
                var n = 0;
                await foreach (var h in q.OrderBy(h => h.Code).Take(MaxRows).AsAsyncEnumerable().WithCancellation(ct))
                {
                    WriteRow(w, [h.Code, units.GetValueOrDefault(h.UnitId, ""), SourceName(h.Source), h.Domain, h.Place, h.Description,
                        h.Likelihood.ToString(CultureInfo.InvariantCulture), h.Impact.ToString(CultureInfo.InvariantCulture), h.RiskLevelName, StateName(h.State),
                        time.Format(h.FoundAt), h.ResponsibleUnitId is { } r ? units.GetValueOrDefault(r, "") : "", h.ResponsiblePerson ?? "", h.Measures ?? "",
                        h.Deadline is { } d ? time.Format(d) : "", DueName(h.Due(now)), h.ClosedAt is { } c ? time.Format(c) : "",
                        h.RepeatCount.ToString(CultureInfo.InvariantCulture)]);
                    n++;
                }
                w.WriteEndElement();
                w.WriteEndElement();
            }
            book.Workbook.AppendChild(new X.Sheets(new X.Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "隐患台账" }));
            book.Workbook.Save();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void WriteRow(OpenXmlWriter w, IReadOnlyList<string> values)
    {
        w.WriteStartElement(new X.Row());
        foreach (var v in values)
        {
            // Inline strings: no shared-string table to build, and Excel opens them the same.
            w.WriteElement(new X.Cell { DataType = X.CellValues.InlineString, InlineString = new X.InlineString(new X.Text(Clean(v))) });
        }
        w.WriteEndElement();
    }

    // XML 1.0 has no place for control characters other than tab and newline.
    private static string Clean(string s) => s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        ? new string(s.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray())
        : s;

    private static string SourceName(HazardSource s) => s switch
    {
        HazardSource.Screening => "排查",
        HazardSource.Inspection => "日常检查",
        HazardSource.ResponseFinding => "复盘",
        _ => "导入",
    };

    private static string StateName(HazardState s) => s switch
    {
        HazardState.Open => "待整改",
        HazardState.Rectifying => "整改中",
        HazardState.ClosureSubmitted => "待销号",
        _ => "已销号",
    };

    private static string DueName(DueColour d) => d switch
    {
        DueColour.Overdue => "超期",
        DueColour.DueSoon => "临期",
        DueColour.OnTrack => "正常",
        _ => "",
    };

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/export.xlsx", async Task ([AsParameters] HazardFilterQuery f, HttpContext http, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                http.Response.ContentType = XlsxType;
                http.Response.Headers.ContentDisposition = "attachment; filename=\"hazards.xlsx\"; filename*=UTF-8''%E9%9A%90%E6%82%A3%E5%8F%B0%E8%B4%A6.xlsx";
                await Handle(f.ToFilter(), http.Response.Body, db, time, ct);
            })
            .WithName("ExportHazards").WithSummary("The ledger under the same filters as .xlsx (up to 200,000 rows).");
    }
}
