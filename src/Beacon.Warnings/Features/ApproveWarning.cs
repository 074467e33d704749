using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Warnings.Features;

public static class ApproveWarning
{
    /// <summary>Approval by the authority of the level, and the warning is issued at once to its audience.</summary>
    public static async Task<WarningResponse> Handle(Guid id, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await WarningAccess.LoadForDecision(id, db, ct);
        warning.Approve(db.Actor.RequireUserId(), authority);
        warning.Issue(db.Time.GetUtcNow());
        await WarningDispatch.Deliver(warning, "warning.issued", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/approval", async Task<Ok<WarningResponse>> (Guid id, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, db, outbox, links, ct)))
            .WithName("ApproveWarning").WithSummary("Approves and issues a draft (leader with the authority of its level).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
