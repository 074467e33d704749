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
public static class RiskMatrices
{
    public sealed record MatrixRequest(int? Size, IReadOnlyList<string>? LikelihoodLabels, IReadOnlyList<string>? ImpactLabels, IReadOnlyList<RiskBand>? Bands,
        int? Revision);

    public sealed record MatrixResponse(int Size, IReadOnlyList<string> LikelihoodLabels, IReadOnlyList<string> ImpactLabels, IReadOnlyList<RiskBand> Bands,
        int Revision, DateTimeOffset? UpdatedAt)
    {
        public static MatrixResponse From(RiskMatrix m) => new(m.Size, m.LikelihoodLabels, m.ImpactLabels, m.Bands, m.Revision, m.UpdatedAt);
    }

    /// <summary>The matrix in force: the stored one, else the default 5×5 (stored on its first revision).</summary>
    public static async Task<RiskMatrix> Current(BeaconDbContext db, CancellationToken ct) =>
        await db.Set<RiskMatrix>().OrderBy(m => m.Id).FirstOrDefaultAsync(ct) ?? RiskMatrix.Default();

    public static async Task<MatrixResponse> Revise(MatrixRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.RiskMatrixManage);
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
        return MatrixResponse.From(matrix);
    }

    internal static void Map(IEndpointRouteBuilder routes, RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<MatrixResponse>> (BeaconDbContext db, CancellationToken ct) =>
            {
                if (!db.Actor.Has(Permissions.RiskMatrixManage))
                {
                    db.Actor.Require(Permissions.HazardsRead);
                }
                return TypedResults.Ok(MatrixResponse.From(await Current(db, ct)));
            })
            .WithName("GetRiskMatrix").WithSummary("The risk matrix in force: size, likelihood and impact labels, the bands and their cells.");
        g.MapPut("/", async Task<Ok<MatrixResponse>> (MatrixRequest r, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Revise(r, db, ct)))
            .WithName("ReviseRiskMatrix")
            .WithSummary("Revises the matrix (security administrator): size 3–7, labels, 2–5 bands covering every cell exactly once; give the revision you saw. Recorded hazards keep their level until reassessed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
