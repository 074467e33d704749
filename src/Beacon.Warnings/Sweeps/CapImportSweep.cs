using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Sweeps;

/// <summary>Polls the configured CAP URLs (Beacon:Warnings:Import) and imports what is new, as drafts of the root office.</summary>
public sealed partial class CapImportSweep(IHttpClientFactory http, IOptions<CapImportOptions> options, IOptions<WarningOptions> warningOptions,
    CapImportSweep.PollState state, ILogger<CapImportSweep> log) : ISweep
{
    /// <summary>How each URL fared, kept for the life of the process, so an administrator sees a source that fails.</summary>
    public sealed class PollState
    {
        private readonly Dictionary<string, ListCapImportSources.SourceResponse> _sources = new(StringComparer.Ordinal);
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
                var s = _sources.GetValueOrDefault(url) ?? new ListCapImportSources.SourceResponse(url, null, null, null, 0);
                _sources[url] = error is null
                    ? s with { LastPolledAt = at, LastSucceededAt = at, LastError = null, Imported = s.Imported + (imported ? 1 : 0) }
                    : s with { LastPolledAt = at, LastError = error };
            }
        }

        public IReadOnlyList<ListCapImportSources.SourceResponse> Report(IEnumerable<string> urls)
        {
            lock (_lock)
            {
                return urls.Select(u => _sources.GetValueOrDefault(u) ?? new ListCapImportSources.SourceResponse(u, null, null, null, 0)).ToList();
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
                await ImportCapAlert.CopyBounded(body, buffer, CapXml.DefaultMaxBytes + 1, ct);
                buffer.Position = 0;
                var created = (await ImportCapAlert.Handle(ImportCapAlert.Parse(buffer), null, root.Id, root.Path, Guid.Empty, warningOptions.Value.Test, db, ct)).Created;
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
