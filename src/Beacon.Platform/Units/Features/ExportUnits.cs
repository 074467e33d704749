using System.Globalization;
using Beacon.Platform.Data;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Units.Features;

/// <summary>One row of the tree as exchanged in CSV and .xlsx files.</summary>
public sealed record UnitRow(string Code, string NameZh, string? NameEn, string Kind, string? ParentCode);

public static class ExportUnits
{
    public static readonly string[] Header = ["code", "name_zh", "name_en", "kind", "parent_code"];

    public static async Task<List<UnitRow>> Rows(BeaconDbContext db, CancellationToken ct)
    {
        var units = await ListUnits.Query(db, ct);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        // Parents first, so the file imports in one pass.
        return units.Select(u => new UnitRow(u.Code, u.NameZh, u.NameEn, UnitResponse.KindName(u.Kind),
            u.ParentId is { } p && codes.TryGetValue(p, out var pc) ? pc : null)).ToList();
    }

    public static byte[] ToCsv(IEnumerable<UnitRow> rows)
    {
        using var ms = new MemoryStream();
        using (var w = new StreamWriter(ms, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(w, CultureInfo.InvariantCulture))
        {
            foreach (var h in Header)
            {
                csv.WriteField(h);
            }
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Code);
                csv.WriteField(Inert(r.NameZh));
                csv.WriteField(Inert(r.NameEn ?? ""));
                csv.WriteField(r.Kind);
                csv.WriteField(r.ParentCode ?? "");
                csv.NextRecord();
            }
        }
        return ms.ToArray();
    }

    public static byte[] ToXlsx(IEnumerable<UnitRow> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("units");
        for (var c = 0; c < Header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = Header[c];
        }
        var i = 2;
        foreach (var r in rows)
        {
            // Codes are text even when they look like numbers (administrative division codes do).
            sheet.Cell(i, 1).SetValue(r.Code);
            sheet.Cell(i, 2).SetValue(Inert(r.NameZh));
            sheet.Cell(i, 3).SetValue(Inert(r.NameEn ?? ""));
            sheet.Cell(i, 4).SetValue(r.Kind);
            sheet.Cell(i, 5).SetValue(r.ParentCode ?? "");
            i++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        // Fixed widths: measuring text needs system fonts that servers often lack.
        sheet.Column(1).Width = 20;
        sheet.Column(2).Width = 30;
        sheet.Column(3).Width = 30;
        sheet.Column(4).Width = 14;
        sheet.Column(5).Width = 20;
        using var ms = new MemoryStream();
        book.SaveAs(ms);
        return ms.ToArray();
    }

    // A name that a spreadsheet would run as a formula (=, +, -, @) is written as text.
    internal static string Inert(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapGet("/export.csv", async (BeaconDbContext db, CancellationToken ct) =>
                TypedResults.File(ToCsv(await Rows(db, ct)), "text/csv; charset=utf-8", "units.csv"))
            .WithName("ExportUnitsCsv")
            .WithSummary("Exports the caller's subtree as CSV (code, name_zh, name_en, kind, parent_code).");
        units.MapGet("/export.xlsx", async (BeaconDbContext db, CancellationToken ct) =>
                TypedResults.File(ToXlsx(await Rows(db, ct)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "units.xlsx"))
            .WithName("ExportUnitsXlsx")
            .WithSummary("Exports the caller's subtree as an Excel workbook with the same columns as the CSV.");
    }
}
