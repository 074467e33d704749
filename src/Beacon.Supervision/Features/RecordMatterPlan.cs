using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class RecordMatterPlan
{
    public sealed record Request(string? Text);

    public static async Task<MatterResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForHandler(i, db, ct), m =>
        {
            m.RecordPlan(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            return Task.CompletedTask;
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}/plan", async Task<Ok<MatterResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("MatterPlan").WithSummary("The handling unit's plan (承办方案).");
    }
}
