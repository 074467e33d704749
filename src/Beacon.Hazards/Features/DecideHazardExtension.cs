using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class DecideHazardExtension
{
    public sealed record Request(bool? Grant, string? Note);

    public static Task<HazardResponse> Handle(Guid id, Guid extensionId, Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            if (r.Grant is not { } grant)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["grant"] = [Text.Get("Hazard.GrantRequired")] });
            }
            if (h.Extensions.FirstOrDefault(e => e.Id == extensionId)?.RequestedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Hazard.OwnRequest"));
            }
            h.DecideExtension(extensionId, grant, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await HazardNotices.TellRectifier(h, "hazard.extension-decided",
                outbox.Text(grant ? "Hazard.ExtensionGranted.Subject" : "Hazard.ExtensionRefused.Subject", h.Code),
                outbox.Text("Hazard.ExtensionDecided.Body", time.Format(h.Deadline!.Value), r.Note ?? ""), db, outbox, ct);
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/extensions/{extensionId:guid}/decision", async Task<Ok<HazardResponse>> (Guid id, Guid extensionId, Request r, BeaconDbContext db,
                Outbox outbox, LocalTime time, CancellationToken ct) => TypedResults.Ok(await Handle(id, extensionId, r, db, outbox, time, ct)))
            .WithName("DecideHazardExtension").WithSummary("The office grants or refuses (with a note).");
    }
}
