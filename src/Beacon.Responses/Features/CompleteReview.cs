using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class CompleteReview
{
    /// <summary>The commander or a leader of the response's subtree closes the review (复盘).</summary>
    public static async Task<ResponseDetail> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.ForReview(id, db, ct);
        response.CompleteReview(db.Actor.RequireUserId(), db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/review", async Task<Ok<ResponseDetail>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("CompleteReview").WithSummary("Closes the review.");
    }
}
