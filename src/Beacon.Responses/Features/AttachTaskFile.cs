using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class AttachTaskFile
{
    /// <summary>Attachments of tasks are stored files of this owner type.</summary>
    public const string FileOwner = "response-task";

    /// <summary>A photo or PDF from the field, by someone who may work the task, while the response is open.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Guid taskId, string? fileName, Stream content, BeaconDbContext db, Uploads uploads,
        CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        // Under the lock, so a file cannot land after the response has ended.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, task) = await ResponseAccess.ForTaskWork(id, taskId, db, ct);
        response.RequireOpen();
        if (task.IsEnded)
        {
            throw new ConflictException(Text.Get("Response.TaskEnded", task.State));
        }
        await uploads.AttachAsync(db, tx, FileOwner, task.Id, response.UnitId, response.UnitPath, fileName, content, ct,
            f => db.AuditEvent("response.task-file-attached", "ResponseTask", task.Id.ToString(), new { f.FileName, f.Size, f.Sha256 }, response.UnitPath));
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/files", async Task<IResult> (Guid id, Guid taskId, HttpRequest request, BeaconDbContext db, Uploads uploads,
                CancellationToken ct) =>
            {
                var file = await Uploads.FormFileAsync(request, ct);
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await Handle(id, taskId, file.FileName, stream, db, uploads, ct));
            })
            .WithName("AttachTaskFile")
            .WithSummary("Attaches a photo (JPEG, PNG, GIF, WebP) or PDF to a task (form field 'file', up to Beacon:Files:MaxBytes, 10 MB by default); the type is read from the bytes and must match the name.")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
