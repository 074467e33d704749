using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Sweeps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

public static class ListCapImportSources
{
    public sealed record SourceResponse(string Url, DateTimeOffset? LastPolledAt, DateTimeOffset? LastSucceededAt, string? LastError, int Imported);

    /// <summary>How each configured source fared since this process started.</summary>
    public static IReadOnlyList<SourceResponse> Handle(BeaconDbContext db, CapImportOptions options, CapImportSweep.PollState state)
    {
        db.Actor.Require(Permissions.WarningsImport);
        return state.Report(options.Urls);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/import/sources", (BeaconDbContext db, IOptions<CapImportOptions> options, CapImportSweep.PollState state) =>
                TypedResults.Ok(Handle(db, options.Value, state)))
            .WithName("CapImportSources")
            .WithSummary("The polled CAP sources (Beacon:Warnings:Import:Urls) and, per source, the last poll, the last success, the last error and how many drafts it gave, since this process started.");
    }
}
