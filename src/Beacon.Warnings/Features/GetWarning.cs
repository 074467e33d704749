using Beacon.Platform.Data;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class GetWarning
{
    /// <summary>The warning for a reader; a recipient reading it is recorded as having read it.</summary>
    public static async Task<WarningResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var w = await WarningAccess.LoadForReader(id, db, ct);
        var me = db.Actor.UserId;
        var mine = await db.Set<WarningDelivery>().Where(d => d.WarningId == id && d.UserId == me && d.ReadAt == null).ToListAsync(ct);
        if (mine.Count > 0)
        {
            mine.ForEach(d => d.MarkRead(db.Time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        return WarningResponse.From(w);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}", async Task<Ok<WarningResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetWarning").WithSummary("A warning with every version; a recipient opening it is recorded as having read it.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
