using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Beacon.Platform.Common;
using Beacon.Platform.Files;
using Beacon.Warnings.Cap;

/// <summary>
/// How long hostile uploads take to be refused: a 700 KB CAP message nested 100,000 deep (it took 250–340 s before
/// the depth pass), an .xlsx that unpacks to 200 MB of zeros, and a .docx part nested 50,000 deep. Median of 5.
/// </summary>
internal static class HostileBench
{
    public static void Run()
    {
        var cap = new StringBuilder("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">");
        cap.Insert(cap.Length, "<a>", 100_000).Insert(cap.Length, "</a>", 100_000).Append("</alert>");
        var capText = cap.ToString();
        Report("deep CAP (" + (Encoding.UTF8.GetByteCount(capText) / 1024) + " KB, 100,000 levels)", () => CapXml.Read(capText));

        var bomb = Zip("xl/worksheets/sheet1.xml", s =>
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                s.Write(zeros);
            }
        });
        Report($"zip bomb .xlsx ({bomb.Length / 1024} KB packed, 200 MB unpacked)", () => ZipGuard.Checked(new MemoryStream(bomb), 100_000_000, "Import.NotXlsx"));

        var deep = Zip("word/document.xml", s => s.Write(Encoding.UTF8.GetBytes(
            new StringBuilder("<w:document xmlns:w=\"urn:x\">").Insert(28, "<w:p>", 50_000).Append("</w:document>").ToString())));
        Report($"deep .docx part ({deep.Length / 1024} KB packed, 50,000 levels)", () => ZipGuard.Checked(new MemoryStream(deep), 50_000_000, "Response.ReportNotDocx"));
    }

    private static void Report(string what, Action refuse)
    {
        var times = new List<double>();
        string? refusal = null;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                refuse();
                refusal = "ACCEPTED (should have been refused)";
            }
            catch (Exception e) when (e is CapFormatException or RequestValidationException)
            {
                refusal = e is RequestValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[hostile] {what}: refused in {times[2]:F1} ms (median of 5; max {times[4]:F1} ms): {refusal}"));
    }

    private static byte[] Zip(string name, Action<Stream> write)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            write(part);
        }
        return ms.ToArray();
    }
}
