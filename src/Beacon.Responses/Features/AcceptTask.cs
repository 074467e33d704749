using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class AcceptTask
{
    /// <summary>The body the endpoint takes, like the task's other steps: optional, and acceptance takes no text.</summary>
    public sealed record Request(string? Text);

    /// <summary>The task's unit or person (or anyone who may work it) accepts it.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Guid taskId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, task) = await ResponseAccess.ForTaskWork(id, taskId, db, ct);
        var me = db.Actor.RequireUserId();
        var now = db.Time.GetUtcNow();
        task.Accept(response, me, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/acceptance", async Task<Ok<ResponseDetail>> (Guid id, Guid taskId, Request? body, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, taskId, db, ct)))
            .WithName("TaskAcceptance")
            .WithSummary("The task's unit or person accepts it.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
