using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class GetHazardMatrix
{
    public sealed record Cell(int Likelihood, int Impact, string Band, int Count);

    public sealed record MatrixCounts(RiskMatrixResponse Matrix, IReadOnlyList<Cell> Cells);

    /// <summary>Counts per cell of the matrix in force, for the matrix view (click a cell to list its hazards).</summary>
    public static async Task<MatrixCounts> Handle(HazardFilter f, BeaconDbContext db, CancellationToken ct)
    {
        var q = await HazardLedger.Query(f, db, ct);
        var matrix = await GetRiskMatrix.Current(db, ct);
        var counts = await q.GroupBy(h => new { h.Likelihood, h.Impact }).Select(g => new { g.Key.Likelihood, g.Key.Impact, Count = g.Count() }).ToListAsync(ct);
        var cells = new List<Cell>();
        for (var l = 1; l <= matrix.Size; l++)
        {
            for (var i = 1; i <= matrix.Size; i++)
            {
                cells.Add(new Cell(l, i, matrix.BandOf(l, i).Code, counts.FirstOrDefault(c => c.Likelihood == l && c.Impact == i)?.Count ?? 0));
            }
        }
        return new MatrixCounts(RiskMatrixResponse.From(matrix), cells);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/matrix", async Task<Ok<MatrixCounts>> ([AsParameters] HazardFilterQuery f, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(f.ToFilter(), db, ct)))
            .WithName("HazardMatrix").WithSummary("Counts per matrix cell under the same filters.");
    }
}
