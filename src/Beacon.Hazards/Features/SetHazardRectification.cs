using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public static class SetHazardRectification
{
    public sealed record Request(Guid? ResponsibleUnitId, string? ResponsiblePerson, string? Measures, DateTimeOffset? Deadline);

    /// <summary>The office names the responsible unit (of its subtree), person, measures and deadline; the unit is told.</summary>
    public static Task<HazardResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
        HazardChange.Apply(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            var path = r.ResponsibleUnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct) : null;
            if (r.ResponsibleUnitId is not null && path is null)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["responsibleUnitId"] = [Text.Get("Hazard.ResponsibleUnknown")] });
            }
            var before = (h.ResponsibleUnitId, h.Deadline);
            h.SetRectification(r.ResponsibleUnitId, r.ResponsiblePerson, r.Measures, r.Deadline, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            h.LocateResponsibleUnit(path!);
            if (before != (h.ResponsibleUnitId, h.Deadline))
            {
                await HazardNotices.TellRectifier(h, "hazard.rectification-assigned", outbox.Text("Hazard.Assigned.Subject", h.Code),
                    outbox.Text("Hazard.Assigned.Body", h.Place, h.Measures, time.Format(h.Deadline!.Value)), db, outbox, ct);
            }
        });

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}/rectification", async Task<Ok<HazardResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, LocalTime time,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, r, db, outbox, time, ct)))
            .WithName("SetRectification").WithSummary("The office sets the rectification (整改): responsible unit, person, measures, deadline in the future.")
            .ProducesValidationProblem();
    }
}
