using Beacon.Platform.Data;
using Beacon.Warnings.Cap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

public static class GetWarningCap
{
    /// <summary>The CAP message of a version (the latest sent one by default).</summary>
    public static async Task<string> Handle(Guid id, int? version, BeaconDbContext db, WarningOptions options, CancellationToken ct)
    {
        var w = await WarningAccess.LoadForReader(id, db, ct);
        var n = version ?? w.Versions.Where(v => v.Sent is not null).Select(v => v.Number).DefaultIfEmpty(1).Max();
        return CapXml.Write(w.ToCap(n, options.Sender, options.SenderName, CapCategories.For(w.EventTypeCode), options.Test,
            await CapCategories.EventNames(db, w, ct)));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/cap", async Task<IResult> (Guid id, int? version, BeaconDbContext db, IOptions<WarningOptions> o, CancellationToken ct) =>
                Results.Text(await Handle(id, version, db, o.Value, ct), CapXml.MediaType, System.Text.Encoding.UTF8))
            .WithName("GetWarningCap").WithSummary("A version as an OASIS CAP 1.2 message (application/cap+xml): Alert, Update or Cancel with references.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
