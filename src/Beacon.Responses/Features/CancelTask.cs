using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class CancelTask
{
    public sealed record Request(string? Text);

    /// <summary>The commander (or a leader of the response's subtree) cancels a task, with a reason.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Guid taskId, Request r, BeaconDbContext db, CancellationToken ct)
    {
        return await TaskStep.Apply(id, taskId, db, ct, (response, task, me, now) =>
        {
            if (response.CommanderId != me && !(db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
            {
                throw new ForbiddenException(Text.Get("Response.CommanderOnly"));
            }
            task.Cancel(response, r.Text, me, now);
        });
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/cancellation", async Task<Ok<ResponseDetail>> (Guid id, Guid taskId, Request? r, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, taskId, r ?? new Request(null), db, ct)))
            .WithName("TaskCancellation")
            .WithSummary("The commander cancels the task (reason).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
