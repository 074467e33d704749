using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class ApproveTermination
{
    /// <summary>The approver of the current level ends the response, on the condition at <paramref name="revision"/> when given.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, int? revision, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ResponseAccess.ForDecision(id, db, ct);
        if (revision is { } seen && seen != response.Revision)
        {
            // The approver decides on the condition they read: not on one stated again since.
            throw new ConflictException(Text.Get("Response.Stale"), "revision");
        }
        response.ApproveTermination(db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(), await ResponseClocks.ReportWindow(db, response.UnitPath, ct));
        await ResponseNotices.TellTerminated(response, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/termination/approval", async Task<Ok<ResponseDetail>> (Guid id, int? revision, BeaconDbContext db, Outbox outbox,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, revision, db, outbox, ct)))
            .WithName("ApproveTermination").WithSummary("The approver of the current level ends the response (?revision= the one read: a condition stated again since gets 409); the handling report falls due (24 h by default).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
