using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class RecordResources
{
    public sealed record Request(string? Text);

    /// <summary>The resources used (one per line), by anyone taking part, for the handling report.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.Load(id, db, ct);
        await ResponseAccess.RequireTakingPart(response, db, ct);
        response.RecordResources(r.Text);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}/resources", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("RecordResources").WithSummary("Resources used (one per line), for the handling report.");
    }
}
