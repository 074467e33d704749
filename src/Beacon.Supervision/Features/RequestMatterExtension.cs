using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Supervision.Features;

public static class RequestMatterExtension
{
    public sealed record Request(DateTimeOffset? Deadline, string? Reason);

    public static async Task<MatterResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, SupervisionOptions options, LocalTime time,
        CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForHandler(i, db, ct), async m =>
        {
            var e = m.RequestExtension(r.Deadline ?? DateTimeOffset.MinValue, r.Reason, db.Actor.RequireUserId(), db.Time.GetUtcNow(), options.MaxExtensions);
            await MatterNotices.TellOffice(m, "matter.extension-requested", outbox.Text("Matter.ExtensionRequested.Subject", m.Title),
                outbox.Text("Matter.ExtensionRequested.Body", time.Format(e.RequestedDeadline), e.Reason), db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/extensions", async Task<Ok<MatterResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox,
                IOptions<SupervisionOptions> o, LocalTime time, CancellationToken ct) => TypedResults.Ok(await Handle(id, r, db, outbox, o.Value, time, ct)))
            .WithName("RequestMatterExtension")
            .WithSummary("The handling unit asks for a later deadline with a reason (at most Beacon:Supervision:MaxExtensions, 2 by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
