using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class AcceptHazardClosure
{
    public static Task<HazardResponse> Handle(Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            if (h.ClosureSubmittedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Hazard.OwnRequest"));
            }
            h.AcceptClosure(db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await HazardNotices.TellRectifier(h, "hazard.closed", outbox.Text("Hazard.Closed.Subject", h.Code), h.Place, db, outbox, ct);
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure/acceptance", async Task<Ok<HazardResponse>> (Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, outbox, ct)))
            .WithName("AcceptHazardClosure").WithSummary("The office accepts: closed.");
    }
}
