using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A member of the receiving unit acknowledges a circulation; the first acknowledgement counts.</summary>
public static class AcknowledgeCirculation
{
    public static async Task<CirculationResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var c = await db.Set<Circulation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Circulation", id);
        if (c.Acknowledge(db.Actor.RequireUserId(), db.Actor.UnitId!.Value, db.Time.GetUtcNow()))
        {
            await db.SaveChangesAsync(ct);
        }
        return (await CirculationResponse.Describe(db, [c], ct))[0];
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/circulations/{id:guid}/acknowledgement", async Task<Ok<CirculationResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("AcknowledgeCirculation").WithTags("Reports")
            .WithSummary("A member of the receiving unit acknowledges the circulation; the first acknowledgement counts.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
