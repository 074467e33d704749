using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class ReviseRiskMatrix
{
    public sealed record Request(int? Size, IReadOnlyList<string>? LikelihoodLabels, IReadOnlyList<string>? ImpactLabels, IReadOnlyList<RiskBand>? Bands,
        int? Revision);

    public static async Task<RiskMatrixResponse> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        // The matrix grades every hazard of the installation: a county administrator does not rewrite it.
        db.Actor.RequireInstallationWide(Permissions.RiskMatrixManage);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var matrix = await db.Set<RiskMatrix>().OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
        if (matrix is null)
        {
            matrix = RiskMatrix.Default();
            db.Set<RiskMatrix>().Add(matrix);
        }
        matrix.Revise(r.Size ?? 0, r.LikelihoodLabels, r.ImpactLabels, r.Bands, db.Actor.RequireUserId(), db.Time.GetUtcNow(), r.Revision ?? -1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RiskMatrixResponse.From(matrix);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/", async Task<Ok<RiskMatrixResponse>> (Request r, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(r, db, ct)))
            .WithName("ReviseRiskMatrix")
            .WithSummary("Revises the matrix (security administrator of the top unit: it grades every hazard of the installation): size 3–7, labels, 2–5 bands covering every cell exactly once; give the revision you saw. Recorded hazards keep their level until reassessed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
