using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Features;

/// <summary>
/// One step on a response task (accept, progress, complete, cancel): by someone who may work it, under the responses
/// lock, loaded through its access check, saved, then the response described.
/// </summary>
internal static class TaskStep
{
    internal static async Task<ResponseDetail> Apply(Guid id, Guid taskId, BeaconDbContext db, CancellationToken ct,
        Action<Response, ResponseTask, Guid, DateTimeOffset> step)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, task) = await ResponseAccess.ForTaskWork(id, taskId, db, ct);
        step(response, task, db.Actor.RequireUserId(), db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }
}
