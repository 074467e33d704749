using System.Security.Cryptography;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Files;

public sealed class FileOptions
{
    /// <summary>Where the bytes live; outside the web root. Default: the data directory's files/.</summary>
    public string? Root { get; set; }
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>Where uploaded bytes are kept: local disk by default; an S3-compatible store can implement it.</summary>
public interface IFileStore
{
    Task SaveAsync(string key, Stream content, CancellationToken ct);
    Task<Stream> OpenAsync(string key, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
}

public sealed class LocalFileStore(string root) : IFileStore
{
    private string PathOf(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));

    public async Task SaveAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
    }

    public Task<Stream> OpenAsync(string key, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}

/// <summary>Takes an upload: bounded in size, its type read from its bytes and matching its name, stored, then described.</summary>
public sealed class Uploads(IFileStore store, IOptions<FileOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>
    /// Stores the file and adds its description to the context; the caller saves it with the change it
    /// belongs to. Refused (nothing stored): too large, empty, not an image or PDF, or not what its name says.
    /// </summary>
    public async Task<StoredFile> AcceptAsync(BeaconDbContext db, string ownerType, Guid ownerId, Guid unitId, string unitPath, string? fileName,
        Stream content, CancellationToken ct)
    {
        // Only the base name is kept: a name like "..\..\evil.png" from another system's client uses either separator.
        var name = (fileName ?? "").Split('/', '\\')[^1].Trim();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > options.Value.MaxBytes)
            {
                throw Refused(Text.Get("File.TooLarge", options.Value.MaxBytes / 1024 / 1024));
            }
            await buffer.WriteAsync(chunk.AsMemory(0, n), ct);
        }
        if (buffer.Length == 0 || name.Length == 0 || name.Length > 200)
        {
            throw Refused(Text.Get("File.Empty"));
        }
        var actual = FileKinds.Sniff(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 16)));
        if (actual is null)
        {
            throw Refused(Text.Get("File.Kind"));
        }
        if (FileKinds.Claimed(name) != actual)
        {
            throw Refused(Text.Get("File.Mismatch", name));
        }
        buffer.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer));
        var file = StoredFile.Describe(unitId, unitPath, ownerType, ownerId, name, actual, buffer.Length, hash, db.Actor.RequireUserId(), db.Time.GetUtcNow());
        buffer.Position = 0;
        await store.SaveAsync(file.StorageKey, buffer, ct);
        db.Set<StoredFile>().Add(file);
        return file;
    }

    /// <summary>
    /// Accepts the file for a record and commits the caller's transaction with it (and with whatever
    /// <paramref name="alongside"/> adds, such as an audit entry). A file whose commit fails is not kept: no bytes
    /// without their description.
    /// </summary>
    public async Task<StoredFile> AttachAsync(BeaconDbContext db, IDbContextTransaction tx, string ownerType, Guid ownerId, Guid unitId,
        string unitPath, string? fileName, Stream content, CancellationToken ct, Action<StoredFile>? alongside = null)
    {
        var file = await AcceptAsync(db, ownerType, ownerId, unitId, unitPath, fileName, content, ct);
        alongside?.Invoke(file);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            await DiscardAsync(file, CancellationToken.None);
            throw;
        }
        return file;
    }

    public Task<Stream> OpenAsync(StoredFile file, CancellationToken ct) => store.OpenAsync(file.StorageKey, ct);

    /// <summary>
    /// One file of one record and its content, or not found (also when the file belongs to another record). The caller
    /// has already loaded the record through its access check.
    /// </summary>
    public async Task<(StoredFile File, Stream Content)> OpenOwnedAsync(BeaconDbContext db, string ownerType, Guid ownerId, Guid fileId, CancellationToken ct)
    {
        var file = await db.Set<StoredFile>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerType == ownerType && f.OwnerId == ownerId, ct)
            ?? throw new NotFoundException("Entity.File", fileId);
        return (file, await OpenAsync(file, ct));
    }

    /// <summary>The file a form sent in its field "file", or a field error saying <paramref name="missingKey"/>'s text.</summary>
    public static async Task<IFormFile> FormFileAsync(HttpRequest request, CancellationToken ct, string missingKey = "File.Empty") =>
        (request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null)
        ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get(missingKey)] });

    /// <summary>The answer that sends a file: its content under its own name and type.</summary>
    public static IResult Download((StoredFile File, Stream Content) opened) =>
        TypedResults.Stream(opened.Content, opened.File.ContentType, opened.File.FileName);

    public Task DiscardAsync(StoredFile file, CancellationToken ct) => store.DeleteAsync(file.StorageKey, ct);

    /// <summary>The files of one record, past the query filter: the caller has already checked it may read that record.</summary>
    public static Task<List<StoredFile>> Of(BeaconDbContext db, string ownerType, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct) =>
        db.Set<StoredFile>().IgnoreQueryFilters().AsNoTracking().Where(f => f.OwnerType == ownerType && ownerIds.Contains(f.OwnerId))
            .OrderBy(f => f.UploadedAt).ToListAsync(ct);

    private static RequestValidationException Refused(string message) => new(new Dictionary<string, string[]> { ["file"] = [message] });
}

internal sealed class StoredFileConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(f => f.OwnerType).HasMaxLength(40).IsRequired();
        b.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.StorageKey).HasMaxLength(200).IsRequired();
        b.HasIndex(f => new { f.OwnerType, f.OwnerId });
        b.HasIndex(f => f.UnitPath);
    }
}
