using System.Globalization;
using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Beacon.Hazards.Features;

/// <summary>
/// The hazard list and ledger (风险隐患清单、台账): filtered by subtree, level, state, domain and period, counted per
/// matrix cell, exported to .xlsx and imported from it (all rows or none).
/// </summary>
public static class Ledger
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxImportRows = 5000;
    public const int MaxExportRows = 200_000;

    public sealed record Filter(Guid? UnitId = null, string? Level = null, string? State = null, string? Domain = null, DateTimeOffset? From = null,
        DateTimeOffset? To = null, Guid? PlanId = null, string? Due = null, bool? Repeat = null, string? Q = null, int? Likelihood = null, int? Impact = null);

    public sealed record Counters(int Total, int Open, int Rectifying, int ClosureSubmitted, int Closed, int Overdue, int DueSoon, int Repeats);

    public sealed record Page(Counters Counters, int Total, IReadOnlyList<HazardResponse> Items);

    public sealed record Cell(int Likelihood, int Impact, string Band, int Count);

    public sealed record MatrixCounts(RiskMatrices.MatrixResponse Matrix, IReadOnlyList<Cell> Cells);

    /// <summary>The readable hazards narrowed by the filter; bad values are refused, naming the field.</summary>
    public static async Task<IQueryable<Hazard>> Query(Filter f, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var q = db.Readable<Hazard>().AsNoTracking();
        var errors = new Dictionary<string, string[]>();
        if (f.UnitId is { } unitId)
        {
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                errors["unitId"] = [Text.Get("Hazard.UnitUnknown")];
            }
            else
            {
                q = q.Where(h => h.UnitPath.StartsWith(path) || (h.ResponsibleUnitPath != null && h.ResponsibleUnitPath.StartsWith(path)));
            }
        }
        if (!string.IsNullOrWhiteSpace(f.Level))
        {
            q = q.Where(h => h.RiskLevel == f.Level);
        }
        if (!string.IsNullOrWhiteSpace(f.State))
        {
            if (Enum.TryParse<HazardState>(f.State, true, out var state) && !int.TryParse(f.State, out _))
            {
                q = q.Where(h => h.State == state);
            }
            else
            {
                errors["state"] = [Text.Get("Hazard.StateFilter")];
            }
        }
        if (!string.IsNullOrWhiteSpace(f.Domain))
        {
            q = q.Where(h => h.Domain == f.Domain);
        }
        if (f.From is { } from)
        {
            var utc = from.ToUniversalTime();
            q = q.Where(h => h.FoundAt >= utc);
        }
        if (f.To is { } to)
        {
            var utc = to.ToUniversalTime();
            q = q.Where(h => h.FoundAt < utc);
        }
        if (f.PlanId is { } planId)
        {
            q = q.Where(h => h.PlanId == planId);
        }
        if (f.Likelihood is { } l)
        {
            q = q.Where(h => h.Likelihood == l);
        }
        if (f.Impact is { } i)
        {
            q = q.Where(h => h.Impact == i);
        }
        if (f.Repeat == true)
        {
            q = q.Where(h => h.RepeatCount > 0);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(h => h.Code.Contains(text) || h.Place.Contains(text) || h.Description.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(f.Due))
        {
            var now = db.Time.GetUtcNow();
            var soon = now + Due.DefaultSoon;
            var open = new[] { HazardState.Open, HazardState.Rectifying };
            q = f.Due.ToLowerInvariant() switch
            {
                "overdue" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline < now),
                "duesoon" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline >= now && h.Deadline <= soon),
                "ontrack" => q.Where(h => open.Contains(h.State) && h.Deadline != null && h.Deadline > soon),
                _ => Refuse(errors, q),
            };
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        return q;

        static IQueryable<Hazard> Refuse(Dictionary<string, string[]> errors, IQueryable<Hazard> q)
        {
            errors["due"] = [Text.Get("Hazard.DueFilter")];
            return q;
        }
    }

    public static async Task<Page> List(Filter f, int skip, int take, BeaconDbContext db, CancellationToken ct)
    {
        if (skip < 0 || take is < 1 or > 500)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["take"] = [Text.Get("Hazard.Paging")] });
        }
        var q = await Query(f, db, ct);
        var now = db.Time.GetUtcNow();
        var soon = now + Due.DefaultSoon;
        // Counters in one grouped query: the ledger of a province runs to hundreds of thousands of rows.
        var byState = await q.GroupBy(h => h.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await q.CountAsync(h => (h.State == HazardState.Open || h.State == HazardState.Rectifying) && h.Deadline != null && h.Deadline < now, ct);
        var dueSoon = await q.CountAsync(h => (h.State == HazardState.Open || h.State == HazardState.Rectifying) && h.Deadline != null && h.Deadline >= now
            && h.Deadline <= soon, ct);
        var repeats = await q.CountAsync(h => h.RepeatCount > 0, ct);
        int Of(HazardState s) => byState.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        var total = byState.Sum(x => x.Count);
        var items = await q.OrderByDescending(h => h.FoundAt).ThenBy(h => h.Code).Skip(skip).Take(take).ToListAsync(ct);
        return new Page(new Counters(total, Of(HazardState.Open), Of(HazardState.Rectifying), Of(HazardState.ClosureSubmitted), Of(HazardState.Closed), overdue,
            dueSoon, repeats), total, await Hazards.DescribeAll(items, db, ct));
    }

    /// <summary>Counts per cell of the matrix in force, for the matrix view (click a cell to list its hazards).</summary>
    public static async Task<MatrixCounts> Matrix(Filter f, BeaconDbContext db, CancellationToken ct)
    {
        var q = await Query(f, db, ct);
        var matrix = await RiskMatrices.Current(db, ct);
        var counts = await q.GroupBy(h => new { h.Likelihood, h.Impact }).Select(g => new { g.Key.Likelihood, g.Key.Impact, Count = g.Count() }).ToListAsync(ct);
        var cells = new List<Cell>();
        for (var l = 1; l <= matrix.Size; l++)
        {
            for (var i = 1; i <= matrix.Size; i++)
            {
                cells.Add(new Cell(l, i, matrix.BandOf(l, i).Code, counts.FirstOrDefault(c => c.Likelihood == l && c.Impact == i)?.Count ?? 0));
            }
        }
        return new MatrixCounts(RiskMatrices.MatrixResponse.From(matrix), cells);
    }

    private static readonly string[] ExportHeader =
        ["编号", "发现单位", "来源", "领域", "地点", "隐患描述", "可能性", "影响", "风险等级", "状态", "发现时间", "整改责任单位", "责任人", "整改措施", "整改期限", "时限状态", "销号时间", "重复次数"];

    /// <summary>
    /// The ledger as .xlsx, written row by row with the Open XML SDK's streaming writer, so 100,000 hazards
    /// never sit in memory as a workbook.
    /// </summary>
    public static async Task Export(Filter f, Stream output, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        var q = await Query(f, db, ct);
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
                WriteRow(w, ExportHeader);
                var n = 0;
                await foreach (var h in q.OrderBy(h => h.Code).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(ct))
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

    /// <summary>The columns an import file has, in this order, on its first row.</summary>
    public static readonly string[] ImportHeader = ["发现单位编码", "领域", "地点", "隐患描述", "可能性", "影响", "发现时间", "整改责任单位编码", "责任人", "整改措施", "整改期限"];

    public sealed record ImportResult(int Imported, IReadOnlyList<string> Codes);

    /// <summary>
    /// Imports a ledger: every row is checked and every problem reported by row; if any row is wrong nothing is
    /// saved. Units are named by code and must lie in the importer's subtree.
    /// </summary>
    public static async Task<ImportResult> Import(Stream content, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        XLWorkbook book;
        try
        {
            book = new XLWorkbook(content);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.NotXlsx")] });
        }
        using (book)
        {
            var sheet = book.Worksheets.First();
            var header = Enumerable.Range(1, ImportHeader.Length).Select(c => sheet.Cell(1, c).GetString().Trim()).ToArray();
            if (!header.SequenceEqual(ImportHeader))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.Header", string.Join("、", ImportHeader))] });
            }
            var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
            if (last < 2)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.Empty")] });
            }
            if (last - 1 > MaxImportRows)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Hazard.ImportTooMany", MaxImportRows)] });
            }
            // Units by code, of the importer's subtree only (the query filter).
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => (u.Id, u.Path), StringComparer.OrdinalIgnoreCase, ct);
            var matrix = await RiskMatrices.Current(db, ct);
            var now = db.Time.GetUtcNow();
            var me = db.Actor.RequireUserId();
            await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
            var next = await Hazards.Codes(db, now, ct);
            var errors = new Dictionary<string, string[]>();
            var hazards = new List<Hazard>();
            for (var row = 2; row <= last; row++)
            {
                string Cell(int c) => sheet.Cell(row, c).GetString().Trim();
                if (Enumerable.Range(1, ImportHeader.Length).All(c => Cell(c).Length == 0))
                {
                    continue;
                }
                var problems = new List<string>();
                if (!units.TryGetValue(Cell(1), out var unit))
                {
                    problems.Add(Text.Get("Hazard.ImportUnit", Cell(1)));
                }
                var likelihood = int.TryParse(Cell(5), out var l) ? l : 0;
                var impact = int.TryParse(Cell(6), out var i) ? i : 0;
                DateTimeOffset? found = Cell(7).Length == 0 ? null : ParseLocal(sheet.Cell(row, 7), time);
                if (Cell(7).Length > 0 && found is null)
                {
                    problems.Add(Text.Get("Hazard.ImportDate", ImportHeader[6]));
                }
                (Guid Id, string Path)? responsible = null;
                if (Cell(8).Length > 0)
                {
                    if (units.TryGetValue(Cell(8), out var r))
                    {
                        responsible = r;
                    }
                    else
                    {
                        problems.Add(Text.Get("Hazard.ImportUnit", Cell(8)));
                    }
                }
                DateTimeOffset? deadline = Cell(11).Length == 0 ? null : ParseLocal(sheet.Cell(row, 11), time);
                if (Cell(11).Length > 0 && deadline is null)
                {
                    problems.Add(Text.Get("Hazard.ImportDate", ImportHeader[10]));
                }
                if (problems.Count == 0)
                {
                    try
                    {
                        var h = Hazard.Record(new RecordInput(unit.Id, unit.Path, next(), HazardSource.Import, Cell(2), Cell(3), Cell(4), likelihood, impact,
                            found), matrix, me, now);
                        if (responsible is { } ru || Cell(9).Length > 0 || Cell(10).Length > 0 || deadline is not null)
                        {
                            h.SetRectification(responsible?.Id, Cell(9), Cell(10), deadline, me, now);
                            h.LocateResponsibleUnit(responsible!.Value.Path);
                        }
                        hazards.Add(h);
                    }
                    catch (RequestValidationException v)
                    {
                        problems.AddRange(v.Errors.SelectMany(e => e.Value));
                    }
                    catch (Exception e) when (e is DomainException or ConflictException)
                    {
                        problems.Add(e.Message);
                    }
                }
                if (problems.Count > 0)
                {
                    errors[Text.Get("Import.Row", row)] = [.. problems];
                }
            }
            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }
            db.Set<Hazard>().AddRange(hazards);
            db.AuditEvent("hazards.imported", "Hazard", null, new { Rows = hazards.Count });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ImportResult(hazards.Count, hazards.Select(h => h.Code).ToList());
        }
    }

    /// <summary>A date cell, or text in local time ("2026-11-30" or "2026-11-30 14:00").</summary>
    private static DateTimeOffset? ParseLocal(IXLCell cell, LocalTime time)
    {
        if (cell.DataType == XLDataType.DateTime)
        {
            return time.FromLocal(cell.GetDateTime());
        }
        return DateTime.TryParseExact(cell.GetString().Trim(), ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy/M/d", "yyyy/M/d H:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local) ? time.FromLocal(local) : null;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<Page>> ([AsParameters] FilterQuery f, int? skip, int? take, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await List(f.ToFilter(), skip ?? 0, take ?? 50, db, ct)))
            .WithName("ListHazards")
            .WithSummary("The hazard list and ledger: unitId (its subtree), level (band code), state, domain, from/to (found), planId, due (ontrack|duesoon|overdue), repeat, q, likelihood and impact (a matrix cell); counters; skip/take ≤ 500.");
        g.MapGet("/matrix", async Task<Ok<MatrixCounts>> ([AsParameters] FilterQuery f, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Matrix(f.ToFilter(), db, ct)))
            .WithName("HazardMatrix").WithSummary("Counts per matrix cell under the same filters.");
        g.MapGet("/export.xlsx", async Task ([AsParameters] FilterQuery f, HttpContext http, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                http.Response.ContentType = XlsxType;
                http.Response.Headers.ContentDisposition = "attachment; filename=\"hazards.xlsx\"; filename*=UTF-8''%E9%9A%90%E6%82%A3%E5%8F%B0%E8%B4%A6.xlsx";
                await Export(f.ToFilter(), http.Response.Body, db, time, ct);
            })
            .WithName("ExportHazards").WithSummary("The ledger under the same filters as .xlsx (up to 200,000 rows).");
        g.MapPost("/import", async Task<Ok<ImportResult>> (HttpRequest request, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.Empty")] });
                }
                if (file.Length > 10 * 1024 * 1024)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.TooLarge", 10)] });
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                return TypedResults.Ok(await Import(buffer, db, time, ct));
            })
            .WithName("ImportHazards")
            .WithSummary("Imports a ledger .xlsx (form field 'file'; header: 发现单位编码, 领域, 地点, 隐患描述, 可能性, 影响, 发现时间, 整改责任单位编码, 责任人, 整改措施, 整改期限): every row's problems are reported and nothing is saved unless all rows are right.")
            .DisableAntiforgery().ProducesValidationProblem();
    }

    public sealed record FilterQuery(Guid? UnitId, string? Level, string? State, string? Domain, DateTimeOffset? From, DateTimeOffset? To, Guid? PlanId, string? Due,
        bool? Repeat, string? Q, int? Likelihood, int? Impact)
    {
        public Filter ToFilter() => new(UnitId, Level, State, Domain, From, To, PlanId, Due, Repeat, Q, Likelihood, Impact);
    }
}
