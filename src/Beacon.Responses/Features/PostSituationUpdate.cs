using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class PostSituationUpdate
{
    public sealed record Request(string? Text);

    /// <summary>A situation update by the commander or anyone of a unit taking part; at levels I and II it restarts the clock.</summary>
    public static async Task<UpdateResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.Load(id, db, ct);
        await ResponseAccess.RequireTakingPart(response, db, ct);
        var update = response.PostUpdate(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow(),
            await ResponseClocks.UpdateInterval(db, response.UnitPath, response.Level, ct));
        db.Set<SituationUpdate>().Add(update);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new UpdateResponse(update.Id, update.Text, update.By, db.Actor.Name, update.At);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/updates", async Task<Created<UpdateResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
            {
                var u = await Handle(id, r, db, ct);
                return TypedResults.Created($"/api/responses/{id}/updates", u);
            })
            .WithName("PostSituationUpdate").WithSummary("A situation update (态势更新); at levels I and II one is due every 30 minutes (configurable as a deadline policy).")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
