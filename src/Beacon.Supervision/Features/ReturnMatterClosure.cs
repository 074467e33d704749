using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class ReturnMatterClosure
{
    public sealed record Request(string? Text);

    public static async Task<MatterResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForOffice(i, db, ct), async m =>
        {
            m.ReturnClosure(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await MatterNotices.TellHandlingSide(m, "matter.returned", outbox.Text("Matter.Returned.Subject", m.Title), m.ReturnReason ?? "", db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/closure/return", async Task<Ok<MatterResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("ReturnMatterClosure").WithSummary("The office sends the closing report back with a reason.");
    }
}
