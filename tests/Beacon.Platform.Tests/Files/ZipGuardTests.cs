using System.IO.Compression;
using System.Text;
using Beacon.Platform.Common;
using Beacon.Platform.Files;
using ClosedXML.Excel;

namespace Beacon.Platform.Tests.Files;

public class ZipGuardTests
{
    private static MemoryStream Zip(string name, Action<Stream> write)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            write(part);
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public void A_workbook_made_by_a_spreadsheet_program_passes()
    {
        using var book = new XLWorkbook();
        book.AddWorksheet("单位").Cell(1, 1).Value = "code";
        var ms = new MemoryStream();
        book.SaveAs(ms);
        ms.Position = 0;
        using var checkedCopy = ZipGuard.Checked(ms, 50_000_000, "Import.NotXlsx");
        Assert.True(checkedCopy.Length > 0);
        Assert.Equal(0, checkedCopy.Position);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_unpacked()
    {
        // 200 MB of zeros packs into a few hundred KB.
        using var bomb = Zip("xl/worksheets/sheet1.xml", s =>
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                s.Write(zeros);
            }
        });
        Assert.True(bomb.Length < 1024 * 1024);
        var e = Assert.Throws<RequestValidationException>(() => ZipGuard.Checked(bomb, 50_000_000, "Import.NotXlsx"));
        Assert.True(e.Errors.ContainsKey("file"));
    }

    [Fact]
    public void A_part_nested_thousands_deep_is_refused()
    {
        using var deep = Zip("word/document.xml", s =>
        {
            var xml = new StringBuilder("<w:document xmlns:w=\"urn:x\">").Insert(28, "<w:p>", 50_000).Append("</w:document>");
            s.Write(Encoding.UTF8.GetBytes(xml.ToString()));
        });
        var e = Assert.Throws<RequestValidationException>(() => ZipGuard.Checked(deep, 50_000_000, "Response.ReportNotDocx"));
        Assert.Contains("64", e.Errors["file"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Something_that_is_not_a_zip_is_named_as_unreadable()
    {
        using var text = new MemoryStream(Encoding.UTF8.GetBytes("code,name\nDJ,东江省\n"));
        var e = Assert.Throws<RequestValidationException>(() => ZipGuard.Checked(text, 50_000_000, "Import.NotXlsx"));
        Assert.Equal(Text.Get("Import.NotXlsx"), e.Errors["file"][0]);
    }
}
