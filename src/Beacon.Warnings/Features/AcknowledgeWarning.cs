using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class AcknowledgeWarning
{
    /// <summary>The recipient acknowledges (in the app or through the API): every open delivery of theirs for the warning.</summary>
    public static async Task<int> Handle(Guid id, string via, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        var me = db.Actor.RequireUserId();
        var mine = await db.Set<WarningDelivery>().Where(d => d.WarningId == id && d.UserId == me).ToListAsync(ct);
        if (mine.Count == 0)
        {
            throw new NotFoundException("Entity.Warning", id);
        }
        var now = db.Time.GetUtcNow();
        var n = mine.Count(d => d.Acknowledge(me, via, now));
        // The inbox messages of those deliveries are acknowledged with them.
        var ids = mine.Select(d => d.Id.ToString()).ToList();
        foreach (var message in await db.Notifications.Where(x => x.RecipientUserId == me && x.SubjectType == "warning-delivery" && ids.Contains(x.SubjectId!)
            && x.AcknowledgedAt == null).ToListAsync(ct))
        {
            message.Acknowledge(me, now);
        }
        await db.SaveChangesAsync(ct);
        return n;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/acknowledgement", async Task<Ok<int>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, "api", db, ct)))
            .WithName("AcknowledgeWarning").WithSummary("The recipient acknowledges the warning; the first acknowledgement counts and stops its escalation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
