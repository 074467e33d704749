using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class RejectTermination
{
    public sealed record Request(string? Text);

    /// <summary>The approver sends the termination back with a reason; the response stays active and the commander is told.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ResponseAccess.ForDecision(id, db, ct);
        // The condition sent back stays on record (the response keeps only the latest request).
        db.AuditEvent("response.termination-rejected", "Response", response.Id.ToString(), new { response.TerminationCondition, Reason = r.Text },
            response.UnitPath);
        response.RejectTermination(r.Text, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(),
            await ResponseClocks.UpdateInterval(db, response.UnitPath, response.Level, ct));
        outbox.ToUser(db, "response.termination-rejected", response.CommanderId, response.UnitPath,
            outbox.Text("Response.TerminationRejected.Subject", response.Place), r.Text!, "response", response.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/termination/rejection", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("RejectTermination").WithSummary("The approver sends the termination back with a reason; the response stays active.");
    }
}
