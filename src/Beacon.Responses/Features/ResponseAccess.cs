using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>
/// Who may read and act on responses, in one place. Reading: the scope rule declared here (through
/// <see cref="ReadRules"/>) and <see cref="Load"/>. Acting: the checks the use cases load through
/// (<see cref="ForDecision"/>, <see cref="ForReview"/>, <see cref="RequireTakingPart"/>, <see cref="ForTaskWork"/>).
/// </summary>
public static class ResponseAccess
{
    internal static void Declare() =>
        // Responses of the caller's subtree (the record's own), and those their unit or a unit above it takes part in
        // (a group's lead or member unit, a task's assignee), which were often activated above them: a unit taking
        // part brings its own subtree along (a county's towns work the county's tasks).
        ReadRules.Declare<Response>((db, r) =>
        {
            var taking = db.Set<ResponseParticipant>().Where(p => r.Chain.Contains(p.UnitId)).Select(p => p.ResponseId);
            return x => taking.Contains(x.Id);
        });

    /// <summary>A response the caller may read; "not found" otherwise.</summary>
    public static async Task<Response> Load(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesRead);
        return await db.Readable<Response>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Entity.Response", id);
    }

    /// <summary>The caller's authority (the levels they may decide).</summary>
    internal static async Task<Authority> AuthorityOf(BeaconDbContext db, CancellationToken ct)
    {
        var me = db.Actor.RequireUserId();
        return await db.Users.Where(u => u.Id == me).Select(u => u.Authority).FirstAsync(ct);
    }

    /// <summary>Loads a response for a decision by a leader of its subtree, under the responses lock.</summary>
    internal static async Task<(Response, Authority)> ForDecision(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesCommand);
        var response = await db.Set<Response>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (response is null)
        {
            // Read by a participant but decided only within the subtree: a participant is told "forbidden", not "not found".
            if (await db.Readable<Response>().AnyAsync(r => r.Id == id, ct))
            {
                throw new ForbiddenException(Text.Get("Response.NotYours"));
            }
            throw new NotFoundException("Entity.Response", id);
        }
        return (response, await AuthorityOf(db, ct));
    }

    /// <summary>The review (复盘) is the commander's, or a leader's of the response's subtree.</summary>
    internal static async Task<Response> ForReview(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        var response = await Load(id, db, ct);
        if (response.CommanderId != db.Actor.UserId && !(db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
        return response;
    }

    /// <summary>The commander, anyone of the response's subtree, or of a unit taking part.</summary>
    internal static async Task RequireTakingPart(Response response, BeaconDbContext db, CancellationToken ct)
    {
        if (response.CommanderId == db.Actor.UserId || db.Actor.Sees(response.UnitPath))
        {
            return;
        }
        var unit = db.Actor.UnitId;
        if (!await db.Set<ResponseParticipant>().AnyAsync(p => p.ResponseId == response.Id && p.UnitId == unit, ct))
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
    }

    /// <summary>A response and one of its tasks, for someone who may work the task (see <see cref="RequireMayWork"/>).</summary>
    internal static async Task<(Response, ResponseTask)> ForTaskWork(Guid id, Guid taskId, BeaconDbContext db, CancellationToken ct)
    {
        var response = await Load(id, db, ct);
        var task = await db.Set<ResponseTask>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == taskId && t.ResponseId == id, ct)
            ?? throw new NotFoundException("Entity.Task", taskId);
        await RequireMayWork(response, task, db, ct);
        return (response, task);
    }

    /// <summary>Who may work a task: its assignee, a person of its unit, the commander, or a leader of the response's subtree.</summary>
    private static async Task RequireMayWork(Response response, ResponseTask task, BeaconDbContext db, CancellationToken ct)
    {
        var me = db.Actor.UserId;
        if (me == response.CommanderId || me == task.AssigneeUserId || (db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
        {
            return;
        }
        if (task.AssigneeUnitId is { } unit)
        {
            var path = await db.Units.IgnoreQueryFilters().Where(u => u.Id == unit).Select(u => u.Path).FirstAsync(ct);
            if (task.AssigneeUserId is null && db.Actor.UnitPath.StartsWith(path, StringComparison.Ordinal))
            {
                return;
            }
        }
        else if (task.AssigneeUserId is null)
        {
            // Nobody named: the people of the response's own unit or of a unit taking part.
            await RequireTakingPart(response, db, ct);
            return;
        }
        throw new ForbiddenException(Text.Get("Response.NotYourTask"));
    }
}
