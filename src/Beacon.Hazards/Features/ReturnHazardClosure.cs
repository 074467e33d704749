using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class ReturnHazardClosure
{
    public sealed record Request(string? Text);

    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            h.ReturnClosure(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await HazardNotices.TellRectifier(h, "hazard.returned", outbox.Text("Hazard.Returned.Subject", h.Code), h.ReturnReason ?? "", db, outbox, ct);
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure/return", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("ReturnHazardClosure").WithSummary("The office sends it back with a reason.");
    }
}
