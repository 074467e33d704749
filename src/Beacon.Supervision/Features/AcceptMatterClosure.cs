using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class AcceptMatterClosure
{
    public static async Task<MatterResponse> Handle(Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForOffice(i, db, ct), async m =>
        {
            m.AcceptClosure(db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await MatterNotices.TellHandlingSide(m, "matter.closed", outbox.Text("Matter.Closed.Subject", m.Title), m.Code, db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure/acceptance", async Task<Ok<MatterResponse>> (Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, outbox, ct)))
            .WithName("AcceptMatterClosure").WithSummary("The office closes the matter (销号).");
    }
}
