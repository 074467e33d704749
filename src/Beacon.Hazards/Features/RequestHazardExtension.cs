using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Hazards.Features;

public static class RequestHazardExtension
{
    public sealed record Request(DateTimeOffset? Deadline, string? Reason);

    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, HazardOptions options, LocalTime time, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), h =>
        {
            var e = h.RequestExtension(r.Deadline ?? DateTimeOffset.MinValue, r.Reason, db.Actor.RequireUserId(), db.Time.GetUtcNow(), options.MaxExtensions);
            HazardNotices.TellOffice(h, "hazard.extension-requested", outbox.Text("Hazard.ExtensionRequested.Subject", h.Code),
                outbox.Text("Hazard.ExtensionRequested.Body", time.Format(e.RequestedDeadline), e.Reason), db, outbox);
            return Task.CompletedTask;
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/extensions", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, IOptions<HazardOptions> o,
                LocalTime time, CancellationToken ct) => TypedResults.Ok(await Handle(id, r, db, outbox, o.Value, time, ct)))
            .WithName("RequestHazardExtension")
            .WithSummary("The responsible unit asks for a later deadline with a reason (at most Beacon:Hazards:MaxExtensions, 2 by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
