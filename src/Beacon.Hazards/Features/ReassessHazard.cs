using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class ReassessHazard
{
    public sealed record Request(int? Likelihood, int? Impact);

    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
            h.Reassess(r.Likelihood ?? 0, r.Impact ?? 0, await GetRiskMatrix.Current(db, ct), db.Actor.RequireUserId(), db.Time.GetUtcNow()));

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}/assessment", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("ReassessHazard").WithSummary("Moves the hazard to another cell of the matrix.");
    }
}
