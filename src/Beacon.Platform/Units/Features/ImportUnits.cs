using System.Globalization;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Units.Features;

public static class ImportUnits
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const long MaxUnpackedBytes = 50 * 1024 * 1024;

    public sealed record Result(int Created, int Updated);

    public static List<UnitRow> ParseCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, config);
        var rows = new List<UnitRow>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            return rows;
        }
        CheckHeader(csv.HeaderRecord ?? []);
        while (csv.Read())
        {
            rows.Add(new UnitRow(csv.GetField(0) ?? "", csv.GetField(1) ?? "", Blank(csv.GetField(2)), csv.GetField(3) ?? "", Blank(csv.GetField(4))));
        }
        return rows;
    }

    public static List<UnitRow> ParseXlsx(Stream stream)
    {
        XLWorkbook book;
        try
        {
            // An .xlsx is a zip: refuse one that would unpack to far more than any unit list needs, or nests too deep.
            using var copy = Files.ZipGuard.Checked(stream, MaxUnpackedBytes, "Import.NotXlsx");
            book = new XLWorkbook(copy);
        }
        catch (Exception e) when (e is DomainException or RequestValidationException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DomainException(Text.Get("Import.NotXlsx"), "file");
        }
        using (book)
        {
            var sheet = book.Worksheets.First();
            var last = sheet.LastRowUsed()?.RowNumber() ?? 0;
            if (last == 0)
            {
                return [];
            }
            CheckHeader(Enumerable.Range(1, ExportUnits.Header.Length).Select(c => sheet.Cell(1, c).GetString().Trim()).ToArray());
            var rows = new List<UnitRow>();
            for (var r = 2; r <= last; r++)
            {
                string Cell(int c) => sheet.Cell(r, c).GetString().Trim();
                rows.Add(new UnitRow(Cell(1), Cell(2), Blank(Cell(3)), Cell(4), Blank(Cell(5))));
            }
            return rows;
        }
    }

    private static void CheckHeader(string[] header)
    {
        if (header.Length < ExportUnits.Header.Length
            || !header.Take(ExportUnits.Header.Length).Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(ExportUnits.Header))
        {
            throw new DomainException(Text.Get("Import.Header", string.Join(",", ExportUnits.Header)), "file");
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// Creates new units and renames existing ones, all or nothing: any bad row rejects the file with
    /// an error per row. Parents may be earlier rows of the file or units already in the caller's scope.
    /// </summary>
    public static async Task<Result> Handle(IReadOnlyList<UnitRow> rows, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsManage);
        if (rows.Count == 0)
        {
            throw new DomainException(Text.Get("Import.Empty"), "file");
        }
        await using var tx = await db.BeginSerializedAsync(WriteLock.UnitTree, ct);
        var visible = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var visibleIds = visible.Values.Select(u => u.Id).ToHashSet();
        var allCodes = (await db.Units.IgnoreQueryFilters().Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var v = new Validator();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = db.Time.GetUtcNow();
        int created = 0, updated = 0;

        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            // Keys stay "row N" whatever the language; the message names the row for people.
            var key = $"row {i + 2}"; // row 1 is the header
            void Fail(string message) => v.Add(key, $"{Text.Get("Import.Row", i + 2)}: {message}");
            var code = r.Code.Trim();
            if (code.Length == 0 || !UnitRules.IsValidCode(code))
            {
                Fail(Text.Get("Import.CodeBad"));
                continue;
            }
            if (!seen.Add(code))
            {
                Fail(Text.Get("Import.CodeTwice", code));
                continue;
            }
            if (string.IsNullOrWhiteSpace(r.NameZh) || r.NameZh.Length > Unit.MaxNameLength || r.NameEn?.Length > Unit.MaxNameLength)
            {
                Fail(Text.Get("Import.NameZh"));
                continue;
            }
            var kind = UnitInput.ParseKind(r.Kind);
            if (kind is null)
            {
                Fail(Text.Get("Import.Kind", UnitInput.KindList));
                continue;
            }
            Unit? parent = null;
            if (r.ParentCode is { } pc && !visible.TryGetValue(pc, out parent))
            {
                Fail(Text.Get("Import.Parent", pc));
                continue;
            }
            if (visible.TryGetValue(code, out var existing))
            {
                // A blank parent for a unit whose parent lies above the caller's scope (their own top
                // unit, as their export writes it) means "unchanged".
                var parentUnchanged = existing.ParentId == parent?.Id
                    || parent is null && existing.ParentId is { } above && !visibleIds.Contains(above);
                if (existing.Kind != kind || !parentUnchanged)
                {
                    Fail(Text.Get("Import.Changed", code));
                    continue;
                }
                existing.Rename(code, r.NameZh, r.NameEn);
                updated++;
                continue;
            }
            if (allCodes.Contains(code))
            {
                Fail(Text.Get("Import.CodeTaken", code));
                continue;
            }
            if (parent is null && db.Actor.Scope != ScopeKind.System)
            {
                Fail(Text.Get("Import.ParentRequired"));
                continue;
            }
            var why = UnitRules.WhyCannotHang(kind.Value, parent?.Kind);
            if (why is not null)
            {
                Fail(why);
                continue;
            }
            var unit = Unit.Create(Guid.NewGuid(), code, r.NameZh, r.NameEn, kind.Value, parent, now);
            db.Units.Add(unit);
            visible[code] = unit;
            created++;
        }
        v.ThrowIfInvalid();
        db.AuditEvent("unit.imported", "unit", null, new { rows = rows.Count, created, updated });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Result(created, updated);
    }

    public static List<UnitRow> Parse(string fileName, Stream content)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext switch
        {
            ".csv" => ParseCsv(content),
            ".xlsx" => ParseXlsx(content),
            _ => throw new DomainException(Text.Get("Import.FileType"), "file"),
        };
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapPost("/import", async Task<Ok<Result>> (IFormFile? file, BeaconDbContext db, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                {
                    throw new DomainException(Text.Get("Import.NoFile"), "file");
                }
                if (file.Length > MaxFileBytes)
                {
                    throw new DomainException(Text.Get("Import.TooLarge", MaxFileBytes / 1024 / 1024), "file");
                }
                await using var stream = file.OpenReadStream();
                var rows = Parse(file.FileName, stream);
                return TypedResults.Ok(await Handle(rows, db, ct));
            })
            .DisableAntiforgery() // API callers use bearer tokens; the UI imports through its own form
            .WithName("ImportUnits")
            .WithSummary("Imports units from CSV or .xlsx (same columns as the export); any bad row rejects the whole file.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
