using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

/// <summary>The organisation's risk matrix: read by everyone who records hazards, changed by the security administrator only.</summary>
public static class GetRiskMatrix
{
    /// <summary>The matrix in force: the stored one, else the default 5×5 (stored on its first revision).</summary>
    public static async Task<RiskMatrix> Current(BeaconDbContext db, CancellationToken ct) =>
        await db.Set<RiskMatrix>().OrderBy(m => m.Id).FirstOrDefaultAsync(ct) ?? RiskMatrix.Default();

    public static async Task<RiskMatrixResponse> Handle(BeaconDbContext db, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.RiskMatrixManage))
        {
            db.Actor.Require(Permissions.HazardsRead);
        }
        return RiskMatrixResponse.From(await Current(db, ct));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<RiskMatrixResponse>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("GetRiskMatrix").WithSummary("The risk matrix in force: size, likelihood and impact labels, the bands and their cells.");
    }
}
