using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class CompleteTask
{
    public sealed record Request(string? Text);

    /// <summary>Marks a task done (optional note), by someone who may work it.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Guid taskId, Request r, BeaconDbContext db, CancellationToken ct)
    {
        return await TaskStep.Apply(id, taskId, db, ct, (response, task, me, now) =>
        {
            task.Complete(response, r.Text, me, now);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/completion", async Task<Ok<ResponseDetail>> (Guid id, Guid taskId, Request? r, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, taskId, r ?? new Request(null), db, ct)))
            .WithName("TaskCompletion")
            .WithSummary("Marks the task done (optional note).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
