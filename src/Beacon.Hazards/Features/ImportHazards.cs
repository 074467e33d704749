using System.Globalization;
using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class ImportHazards
{
    public const int MaxRows = 5000;

    /// <summary>The columns an import file has, in this order, on its first row.</summary>
    public static readonly string[] Header = ["发现单位编码", "领域", "地点", "隐患描述", "可能性", "影响", "发现时间", "整改责任单位编码", "责任人", "整改措施", "整改期限"];

    public sealed record Result(int Imported, IReadOnlyList<string> Codes);

    /// <summary>
    /// Imports a ledger: every row is checked and every problem reported by row; if any row is wrong nothing is
    /// saved. Units are named by code and must lie in the importer's subtree.
    /// </summary>
    public static async Task<Result> Handle(Stream content, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        XLWorkbook book;
        // A zip bomb or XML nested thousands deep is refused before the spreadsheet library spends minutes on it.
        using var copy = Beacon.Platform.Files.ZipGuard.Checked(content, MaxUnpackedBytes, "Import.NotXlsx");
        try
        {
            book = new XLWorkbook(copy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.NotXlsx")] });
        }
        using (book)
        {
            var sheet = book.Worksheets.First();
            var header = Enumerable.Range(1, Header.Length).Select(c => sheet.Cell(1, c).GetString().Trim()).ToArray();
            if (!header.SequenceEqual(Header))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.Header", string.Join("、", Header))] });
            }
            var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
            if (last < 2)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Import.Empty")] });
            }
            if (last - 1 > MaxRows)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Hazard.ImportTooMany", MaxRows)] });
            }
            // Units by code, of the importer's subtree only (the query filter).
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => (u.Id, u.Path), StringComparer.OrdinalIgnoreCase, ct);
            var matrix = await GetRiskMatrix.Current(db, ct);
            var now = db.Time.GetUtcNow();
            var me = db.Actor.RequireUserId();
            await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
            var next = await HazardCodes.Sequence(db, now, ct);
            var errors = new Dictionary<string, string[]>();
            var hazards = new List<Hazard>();
            for (var row = 2; row <= last; row++)
            {
                string Cell(int c) => sheet.Cell(row, c).GetString().Trim();
                if (Enumerable.Range(1, Header.Length).All(c => Cell(c).Length == 0))
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
                    problems.Add(Text.Get("Hazard.ImportDate", Header[6]));
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
                    problems.Add(Text.Get("Hazard.ImportDate", Header[10]));
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
            return new Result(hazards.Count, hazards.Select(h => h.Code).ToList());
        }
    }

    /// <summary>A date cell, or text in local time ("2026-11-30" or "2026-11-30 14:00").</summary>
    private static DateTimeOffset? ParseLocal(IXLCell cell, LocalTime time)
    {
        // A date outside 2000–2100 (0001-01-01 from an empty date cell, 9999 from a slip) is a row error, like an unreadable one.
        if (cell.DataType == XLDataType.DateTime)
        {
            return DateWindow.Holds(cell.GetDateTime()) ? time.FromLocal(cell.GetDateTime()) : null;
        }
        return DateTime.TryParseExact(cell.GetString().Trim(), ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy/M/d", "yyyy/M/d H:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local) && DateWindow.Holds(local) ? time.FromLocal(local) : null;
    }

    /// <summary>What a ledger of <see cref="MaxRows"/> rows unpacks to, with room to spare.</summary>
    private const long MaxUnpackedBytes = 100_000_000;

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/import", async Task<Ok<Result>> (HttpRequest request, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                var file = await Beacon.Platform.Files.Uploads.FormFileAsync(request, ct);
                if (file.Length > 10 * 1024 * 1024)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.TooLarge", 10)] });
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                return TypedResults.Ok(await Handle(buffer, db, time, ct));
            })
            .WithName("ImportHazards")
            .WithSummary("Imports a ledger .xlsx (form field 'file'; header: 发现单位编码, 领域, 地点, 隐患描述, 可能性, 影响, 发现时间, 整改责任单位编码, 责任人, 整改措施, 整改期限): every row's problems are reported and nothing is saved unless all rows are right.")
            .DisableAntiforgery().ProducesValidationProblem();
    }
}
