using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

/// <summary>CAP 1.2 alerts imported by upload or from polled URLs become draft warnings, once per source identifier.</summary>
public static class ImportCapAlert
{
    public sealed record Response(bool Created, WarningResponse Warning);

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
    public static async Task<Response> Handle(CapAlert alert, string? eventTypeCode, Guid unitId, string unitPath, Guid importerId, bool allowTest,
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
            return new Response(false, WarningResponse.From(existing));
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
                return new Response(false, WarningResponse.From(raced));
            }
            throw;
        }
        return new Response(true, WarningResponse.From(warning));
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

    /// <summary>The alert of an upload (form field 'file') or of the body (application/cap+xml).</summary>
    private static async Task<CapAlert> ReadAlert(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile("file")
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Warning.ImportFile")] });
            await using var stream = file.OpenReadStream();
            return Parse(stream);
        }
        // The XML reader is synchronous; buffer the body (bounded by the parser's size limit) first.
        using var body = new MemoryStream();
        await CopyBounded(request.Body, body, CapXml.DefaultMaxBytes + 1, ct);
        body.Position = 0;
        return Parse(body);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/import", async Task<IResult> (HttpRequest request, string? eventTypeCode, BeaconDbContext db, IOptions<WarningOptions> options,
                CancellationToken ct) =>
            {
                db.Actor.Require(Permissions.WarningsImport);
                var alert = await ReadAlert(request, ct);
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
    }
}
