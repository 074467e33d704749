using Beacon.Platform.Data;
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
        return await TaskStep.Apply(id, taskId, db, ct, (response, task, me, now) =>
        {
            task.Accept(response, me, now);
        });
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
