using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class ReportTaskProgress
{
    public sealed record Request(string? Text);

    /// <summary>Progress on a task, by someone who may work it.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Guid taskId, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, task) = await ResponseAccess.ForTaskWork(id, taskId, db, ct);
        var me = db.Actor.RequireUserId();
        var now = db.Time.GetUtcNow();
        task.ReportProgress(response, r.Text, me, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/progress", async Task<Ok<ResponseDetail>> (Guid id, Guid taskId, Request? r, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, taskId, r ?? new Request(null), db, ct)))
            .WithName("TaskProgress")
            .WithSummary("Reports progress (text).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
