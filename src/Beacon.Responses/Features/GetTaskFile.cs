using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class GetTaskFile
{
    /// <summary>An attachment, to anyone who may read the response.</summary>
    public static async Task<(StoredFile File, Stream Content)> Handle(Guid id, Guid taskId, Guid fileId, BeaconDbContext db, Uploads uploads,
        CancellationToken ct)
    {
        await ResponseAccess.Load(id, db, ct);
        if (!await db.Set<ResponseTask>().IgnoreQueryFilters().AnyAsync(t => t.Id == taskId && t.ResponseId == id, ct))
        {
            throw new NotFoundException("Entity.File", fileId);
        }
        return await uploads.OpenOwnedAsync(db, AttachTaskFile.FileOwner, taskId, fileId, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/tasks/{taskId:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid taskId, Guid fileId, BeaconDbContext db,
                Uploads uploads, CancellationToken ct) =>
                Uploads.Download(await Handle(id, taskId, fileId, db, uploads, ct)))
            .WithName("TaskFile").WithSummary("An attachment of a task, to those who may read the response.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
