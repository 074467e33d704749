using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

/// <summary>CAP 1.2 alerts imported by upload or from polled URLs become draft warnings, once per source identifier.</summary>
public static class ImportCap
{
    public sealed record ImportResponse(bool Created, WarningResponse Warning);

    /// <summary>The Beacon event type for an imported alert: named by the importer, carried in the alert, or read from its CAP category.</summary>
    public static string? EventTypeFor(CapAlert alert, string? requested, IReadOnlyCollection<string> known)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested.Trim();
        }
        var info = alert.Infos.FirstOrDefault();
        if (info?.EventCodes.FirstOrDefault(c => c.Name == "beacon:event-type")?.Value is { } carried && known.Contains(carried))
        {
            return carried;
        }
        return info?.Categories.Select(c => c switch
        {
            "Met" => "natural.meteorological",
            "Geo" => "natural.geological",
            "Fire" => "accident.fire",
            "Health" => "health.infectious-disease",
            "Transport" => "accident.road-traffic",
            "Infra" => "accident.utilities",
            "CBRNE" => "accident.hazardous-chemicals",
            "Safety" => "accident.production-safety",
            _ => null,
        }).FirstOrDefault(c => c is not null && known.Contains(c));
    }

    /// <summary>Reads at most the size limit from the stream, so an oversized upload is refused without being held in memory.</summary>
    public static CapAlert Parse(Stream stream)
    {
        try
        {
            return CapXml.Read(stream);
        }
        catch (CapFormatException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
    }

    /// <param name="allowTest">This installation runs in test mode (Beacon:Warnings:Test) and takes Test alerts too.</param>
    public static async Task<ImportResponse> Handle(CapAlert alert, string? eventTypeCode, Guid unitId, string unitPath, Guid importerId, bool allowTest,
        BeaconDbContext db, CancellationToken ct)
    {
        // An exercise, a system message or a test must not become a draft that someone could issue for real.
        if (alert.Status != "Actual" && !(allowTest && alert.Status == "Test"))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Warning.ImportStatus", alert.Status)] });
        }
        var source = $"{alert.Sender},{alert.Identifier}";
        if (await Existing(source, db, ct) is { } existing)
        {
            return new ImportResponse(false, WarningResponse.From(existing));
        }
        var known = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        var code = EventTypeFor(alert, eventTypeCode, known);
        if (code is null || !known.Contains(code))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["eventTypeCode"] = [Text.Get("Warning.EventType")] });
        }
        var warning = Warning.FromCap(alert, code, unitId, unitPath, importerId, db.Time.GetUtcNow());
        db.Set<Warning>().Add(warning);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The poller and an upload (or two hosts) took the same alert at once: the unique index kept one.
            db.Entry(warning).State = EntityState.Detached;
            if (await Existing(source, db, ct) is { } raced)
            {
                return new ImportResponse(false, WarningResponse.From(raced));
            }
            throw;
        }
        return new ImportResponse(true, WarningResponse.From(warning));
    }

    internal static async Task CopyBounded(Stream from, Stream to, int max, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int n;
        while (to.Length < max && (n = await from.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - to.Length)), ct)) > 0)
        {
            await to.WriteAsync(chunk.AsMemory(0, n), ct);
        }
    }

    private static Task<Warning?> Existing(string source, BeaconDbContext db, CancellationToken ct) =>
        db.Set<Warning>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.SourceIdentifier == source, ct);

    public sealed record SourceResponse(string Url, DateTimeOffset? LastPolledAt, DateTimeOffset? LastSucceededAt, string? LastError, int Imported);

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/import", async Task<IResult> (HttpRequest request, string? eventTypeCode, BeaconDbContext db, IOptions<WarningOptions> options,
                CancellationToken ct) =>
            {
                db.Actor.Require(Permissions.WarningsImport);
                CapAlert alert;
                if (request.HasFormContentType)
                {
                    var file = (await request.ReadFormAsync(ct)).Files.GetFile("file")
                        ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Warning.ImportFile")] });
                    await using var stream = file.OpenReadStream();
                    alert = Parse(stream);
                }
                else
                {
                    // The XML reader is synchronous; buffer the body (bounded by the parser's size limit) first.
                    using var body = new MemoryStream();
                    await CopyBounded(request.Body, body, CapXml.DefaultMaxBytes + 1, ct);
                    body.Position = 0;
                    alert = Parse(body);
                }
                var office = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
                var result = await Handle(alert, eventTypeCode, office.Id, office.Path, db.Actor.RequireUserId(), options.Value.Test, db, ct);
                return result.Created
                    ? TypedResults.Created($"/api/warnings/{result.Warning.Id}", result)
                    : TypedResults.Ok(result);
            })
            .WithName("ImportCapAlert")
            .WithSummary("Imports a CAP 1.2 alert (body application/cap+xml, or form field 'file') as a draft warning; the same sender and identifier again returns the existing draft.")
            .DisableAntiforgery()
            .ProducesValidationProblem();
        g.MapGet("/import/sources", (BeaconDbContext db, IOptions<CapImportOptions> options, CapImportSweep.PollState state) =>
            {
                db.Actor.Require(Permissions.WarningsImport);
                return TypedResults.Ok(state.Report(options.Value.Urls));
            })
            .WithName("CapImportSources")
            .WithSummary("The polled CAP sources (Beacon:Warnings:Import:Urls) and, per source, the last poll, the last success, the last error and how many drafts it gave, since this process started.");
    }
}

public sealed class CapImportOptions
{
    public List<string> Urls { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Polls the configured CAP URLs (Beacon:Warnings:Import) and imports what is new, as drafts of the root office.</summary>
public sealed partial class CapImportSweep(IHttpClientFactory http, IOptions<CapImportOptions> options, IOptions<WarningOptions> warningOptions,
    CapImportSweep.PollState state, ILogger<CapImportSweep> log) : ISweep
{
    /// <summary>How each URL fared, kept for the life of the process, so an administrator sees a source that fails.</summary>
    public sealed class PollState
    {
        private readonly Dictionary<string, ImportCap.SourceResponse> _sources = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        internal DateTimeOffset? LastPolled(string url)
        {
            lock (_lock)
            {
                return _sources.GetValueOrDefault(url)?.LastPolledAt;
            }
        }

        internal void Record(string url, DateTimeOffset at, string? error, bool imported)
        {
            lock (_lock)
            {
                var s = _sources.GetValueOrDefault(url) ?? new ImportCap.SourceResponse(url, null, null, null, 0);
                _sources[url] = error is null
                    ? s with { LastPolledAt = at, LastSucceededAt = at, LastError = null, Imported = s.Imported + (imported ? 1 : 0) }
                    : s with { LastPolledAt = at, LastError = error };
            }
        }

        public IReadOnlyList<ImportCap.SourceResponse> Report(IEnumerable<string> urls)
        {
            lock (_lock)
            {
                return urls.Select(u => _sources.GetValueOrDefault(u) ?? new ImportCap.SourceResponse(u, null, null, null, 0)).ToList();
            }
        }
    }

    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var due = options.Value.Urls.Where(u => state.LastPolled(u) is not { } last || now - last >= options.Value.PollInterval).ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Path).FirstAsync(ct);
        var imported = 0;
        foreach (var url in due)
        {
            try
            {
                using var response = await http.CreateClient("beacon-cap-import").GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                // Bounded: at most the parser's limit is read, whatever the source sends.
                using var buffer = new MemoryStream();
                await ImportCap.CopyBounded(body, buffer, CapXml.DefaultMaxBytes + 1, ct);
                buffer.Position = 0;
                var created = (await ImportCap.Handle(ImportCap.Parse(buffer), null, root.Id, root.Path, Guid.Empty, warningOptions.Value.Test, db, ct)).Created;
                imported += created ? 1 : 0;
                state.Record(url, now, null, created);
            }
            catch (Exception e) when (e is HttpRequestException or RequestValidationException or DomainException or TaskCanceledException)
            {
                // A source that is down or sends something Beacon refuses does not stop the others.
                var reason = e is RequestValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
                state.Record(url, now, reason, false);
                LogImportFailed(log, url, reason);
            }
        }
        return imported;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CAP import from {Url} failed: {Reason}")]
    private static partial void LogImportFailed(ILogger logger, string url, string reason);
}
