using Beacon.Platform.Data;
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
        return await TaskStep.Apply(id, taskId, db, ct, (response, task, me, now) =>
        {
            task.ReportProgress(response, r.Text, me, now);
        });
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
