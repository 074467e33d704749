using System.IO.Compression;
using System.Xml;
using Beacon.Platform.Common;

namespace Beacon.Platform.Files;

/// <summary>
/// What an uploaded .xlsx or .docx (a zip of XML parts) must pass before a library opens it: few parts, a bounded size
/// once unpacked (a zip bomb inflates a thousandfold), and no XML nested deeper than any office document needs (deep
/// nesting makes parsers spend minutes, or their stack). Each check stops at the first violation, in well under a second.
/// </summary>
public static class ZipGuard
{
    public const int MaxEntries = 2000;
    public const int MaxXmlDepth = 64;

    /// <summary>Copies <paramref name="content"/> into memory and checks it; throws a field error on "file" when refused.</summary>
    public static MemoryStream Checked(Stream content, long maxUnpackedBytes, string notReadableKey)
    {
        var copy = new MemoryStream();
        content.CopyTo(copy);
        copy.Position = 0;
        try
        {
            using var zip = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries || zip.Entries.Sum(e => e.Length) > maxUnpackedBytes)
            {
                throw Refused(Text.Get("Import.TooLarge", maxUnpackedBytes / 1024 / 1024));
            }
            long unpacked = 0;
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                using var part = entry.Open();
                unpacked += MeasureDepth(part, maxUnpackedBytes - unpacked);
            }
        }
        catch (RequestValidationException)
        {
            copy.Dispose();
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            copy.Dispose();
            throw Refused(Text.Get(notReadableKey));
        }
        copy.Position = 0;
        return copy;
    }

    /// <summary>Reads one XML part to its end without building it, refusing nesting beyond <see cref="MaxXmlDepth"/>.</summary>
    private static long MeasureDepth(Stream part, long budget)
    {
        var counted = new CountingStream(part, budget);
        using var reader = XmlReader.Create(counted, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.Depth > MaxXmlDepth)
            {
                throw Refused(Text.Get("File.TooDeep", MaxXmlDepth));
            }
        }
        return counted.Total;
    }

    private static RequestValidationException Refused(string message) => new(new Dictionary<string, string[]> { ["file"] = [message] });

    /// <summary>Counts what a part really unpacks to: the sizes a zip declares can lie.</summary>
    private sealed class CountingStream(Stream inner, long budget) : Stream
    {
        public long Total { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Total += n;
            return Total > budget ? throw new InvalidDataException("The archive unpacks to more than it may.") : n;
        }
    }
}
