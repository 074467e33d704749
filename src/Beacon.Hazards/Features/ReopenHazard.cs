using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class ReopenHazard
{
    public sealed record Request(string? Text);

    /// <summary>A closed hazard that recurs: open again, counted as a repeat for its unit.</summary>
    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            h.Reopen(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await HazardNotices.TellRectifier(h, "hazard.reopened", outbox.Text("Hazard.Reopened.Subject", h.Code), h.ReopenReason ?? "", db, outbox, ct);
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/reopen", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("ReopenHazard").WithSummary("A closed hazard recurs: reopened and counted as a repeat.");
    }
}
