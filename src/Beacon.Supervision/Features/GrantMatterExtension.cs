using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

/// <summary>The office's decision on an extension: one route that grants or refuses it (with a note).</summary>
public static class GrantMatterExtension
{
    public sealed record Request(bool? Grant, string? Note);

    public static async Task<MatterResponse> Handle(Guid id, Guid extensionId, Request r, BeaconDbContext db, Outbox outbox, LocalTime time,
        CancellationToken ct)
    {
        return await MatterChange.Apply(id, db, ct, i => MatterAccess.ForOffice(i, db, ct), async m =>
        {
            if (r.Grant is not { } grant)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["grant"] = [Text.Get("Matter.GrantRequired")] });
            }
            // Whoever asked for it does not decide it, even from the office side.
            if (m.Extensions.FirstOrDefault(e => e.Id == extensionId)?.RequestedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Matter.OfficeOnly"));
            }
            m.DecideExtension(extensionId, grant, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await MatterNotices.TellHandlingSide(m, "matter.extension-decided",
                outbox.Text(grant ? "Matter.ExtensionGranted.Subject" : "Matter.ExtensionRefused.Subject", m.Title),
                outbox.Text("Matter.ExtensionDecided.Body", time.Format(m.Deadline), r.Note ?? ""), db, outbox, ct);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/extensions/{extensionId:guid}/decision", async Task<Ok<MatterResponse>> (Guid id, Guid extensionId, Request r,
                BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) => TypedResults.Ok(await Handle(id, extensionId, r, db, outbox, time, ct)))
            .WithName("DecideMatterExtension").WithSummary("The office grants or refuses (with a note) an extension.");
    }
}
