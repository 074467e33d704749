using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Warnings.Features;

public static class LiftWarning
{
    public sealed record Request(string? Reason);

    public static async Task<WarningResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await WarningAccess.LoadForDecision(id, db, ct);
        warning.Lift(r.Reason, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow());
        await WarningDispatch.Deliver(warning, "warning.lifted", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/lift", async Task<Ok<WarningResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, r, db, outbox, links, ct)))
            .WithName("LiftWarning").WithSummary("Lifts (解除) an issued warning with a reason (CAP Cancel), with the authority of its current level; lifted twice: 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
