using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Warnings.Features;

public static class ChangeWarningLevel
{
    public sealed record Request(ContentRequest? Content, string? Reason);

    public static async Task<WarningResponse> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await WarningAccess.LoadForDecision(id, db, ct);
        var content = r.Content ?? ContentRequest.Empty;
        await content.CheckArea(warning.UnitPath, db, ct);
        warning.ChangeLevel(content.ToContent(), content.CheckedAudience(), db.Actor.RequireUserId(), authority, r.Reason, db.Time.GetUtcNow());
        await WarningDispatch.Deliver(warning, "warning.updated", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/level", async Task<Ok<WarningResponse>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, r, db, outbox, links, ct)))
            .WithName("ChangeWarningLevel").WithSummary("Upgrades or downgrades an issued warning: a new version (CAP Update), with the authority of the resulting level.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
