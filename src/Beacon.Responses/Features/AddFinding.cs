using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class AddFinding
{
    public sealed record Request(string? Text, Guid? OwnerUnitId, string? Owner, DateTimeOffset? Deadline);

    /// <summary>A finding of the review (复盘), by the commander or a leader of the response's subtree, once the report is filed.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.ForReview(id, db, ct);
        if (r.OwnerUnitId is { } owner && !await db.Units.AnyAsync(u => u.Id == owner, ct))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["ownerUnitId"] = [Text.Get("Response.OwnerUnit")] });
        }
        response.AddFinding(r.Text, r.OwnerUnitId, r.Owner, r.Deadline, db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/findings", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("AddFinding").WithSummary("A finding of the review (复盘) with owner and deadline, once the report is filed.");
    }
}
