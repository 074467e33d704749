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

    public static async Task<ImportResponse> Handle(string xml, string? eventTypeCode, Guid unitId, string unitPath, Guid importerId, BeaconDbContext db,
        CancellationToken ct)
    {
        CapAlert alert;
        try
        {
            alert = CapXml.Read(xml);
        }
        catch (CapFormatException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
        var source = $"{alert.Sender},{alert.Identifier}";
        if (await db.Set<Warning>().IgnoreQueryFilters().FirstOrDefaultAsync(w => w.SourceIdentifier == source, ct) is { } existing)
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
        await db.SaveChangesAsync(ct);
        return new ImportResponse(true, WarningResponse.From(warning));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/import", async Task<IResult> (HttpRequest request, string? eventTypeCode, BeaconDbContext db, CancellationToken ct) =>
            {
                db.Actor.Require(Permissions.WarningsImport);
                string xml;
                if (request.HasFormContentType)
                {
                    var file = (await request.ReadFormAsync(ct)).Files.GetFile("file")
                        ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Warning.ImportFile")] });
                    using var reader = new StreamReader(file.OpenReadStream());
                    xml = await reader.ReadToEndAsync(ct);
                }
                else
                {
                    using var reader = new StreamReader(request.Body);
                    xml = await reader.ReadToEndAsync(ct);
                }
                var office = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
                var result = await Handle(xml, eventTypeCode, office.Id, office.Path, db.Actor.RequireUserId(), db, ct);
                return result.Created
                    ? TypedResults.Created($"/api/warnings/{result.Warning.Id}", result)
                    : TypedResults.Ok(result);
            })
            .WithName("ImportCapAlert")
            .WithSummary("Imports a CAP 1.2 alert (body application/cap+xml, or form field 'file') as a draft warning; the same sender and identifier again returns the existing draft.")
            .DisableAntiforgery()
            .ProducesValidationProblem();
    }
}

public sealed class CapImportOptions
{
    public List<string> Urls { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Polls the configured CAP URLs (Beacon:Warnings:Import) and imports what is new, as drafts of the root office.</summary>
public sealed partial class CapImportSweep(IHttpClientFactory http, IOptions<CapImportOptions> options, CapImportSweep.PollState state,
    ILogger<CapImportSweep> log) : ISweep
{
    /// <summary>When each URL was last fetched, kept for the life of the process.</summary>
    public sealed class PollState
    {
        internal Dictionary<string, DateTimeOffset> Last { get; } = new(StringComparer.Ordinal);
    }

    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var due = options.Value.Urls.Where(u => !state.Last.TryGetValue(u, out var last) || now - last >= options.Value.PollInterval).ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Path).FirstAsync(ct);
        var imported = 0;
        foreach (var url in due)
        {
            state.Last[url] = now;
            try
            {
                var xml = await http.CreateClient("beacon-cap-import").GetStringAsync(new Uri(url), ct);
                if ((await ImportCap.Handle(xml, null, root.Id, root.Path, Guid.Empty, db, ct)).Created)
                {
                    imported++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or RequestValidationException or DomainException or TaskCanceledException)
            {
                // A source that is down or sends something Beacon refuses does not stop the others.
                LogImportFailed(log, url, e.Message);
            }
        }
        return imported;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CAP import from {Url} failed: {Reason}")]
    private static partial void LogImportFailed(ILogger logger, string url, string reason);
}
