using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class FileMatterExplanation
{
    public sealed record Request(string? Text);

    public static async Task<MatterResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        // Any reader: the matter itself checks that the caller is its responsible leader.
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.Load(i, db, ct), async m =>
        {
            m.FileExplanation(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await MatterNotices.TellOffice(m, "matter.explained", outbox.Text("Matter.Explained.Subject", m.Title), m.Explanation!, db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/explanation", async Task<Ok<MatterResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("FileMatterExplanation").WithSummary("The responsible leader's written explanation, owed once the supervision card's deadline passed.");
    }
}
