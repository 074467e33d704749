using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class RecordHazardProgress
{
    public sealed record Request(string? Text);

    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), h =>
        {
            h.RecordProgress(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            return Task.CompletedTask;
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/progress", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("HazardProgress").WithSummary("The responsible unit records progress.");
    }
}
