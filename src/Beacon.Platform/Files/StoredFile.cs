using Beacon.Platform.Common;

namespace Beacon.Platform.Files;

/// <summary>
/// An uploaded photo or document, kept outside the web root by an <see cref="IFileStore"/> and described
/// here: whose record it belongs to, what it really is (read from its bytes) and who brought it.
/// </summary>
public sealed class StoredFile : IUnitScoped
{
    private StoredFile()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    /// <summary>The kind of record it is attached to, e.g. "response-task", and that record's id.</summary>
    public string OwnerType { get; private set; } = "";
    public Guid OwnerId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public Guid UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public static StoredFile Describe(Guid unitId, string unitPath, string ownerType, Guid ownerId, string fileName, string contentType, long size,
        string sha256, Guid by, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        return new StoredFile
        {
            Id = id,
            UnitId = unitId,
            UnitPath = unitPath,
            OwnerType = ownerType,
            OwnerId = ownerId,
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256,
            // Never the uploaded name: keys are ours, so no path from outside reaches the disk.
            StorageKey = $"{now:yyyy/MM}/{id:N}",
            UploadedBy = by,
            UploadedAt = now.ToUniversalTime(),
        };
    }
}

/// <summary>What a file is, read from its first bytes, and whether its name says the same.</summary>
public static class FileKinds
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".png"] = Png,
        [".gif"] = Gif,
        [".webp"] = Webp,
        [".pdf"] = Pdf,
    };

    /// <summary>The content type the bytes show (JPEG, PNG, GIF, WebP or PDF), or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }
        return head.StartsWith("%PDF-"u8) ? Pdf : null;
    }

    /// <summary>The type a file name claims, or null when the extension is not one Beacon takes.</summary>
    public static string? Claimed(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName));
}
