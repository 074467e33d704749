using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>The commander adds a task to a command post's group, for a unit or a person, who are told.</summary>
public static class AddResponseTask
{
    public sealed record Request(string? GroupCode, string? Title, Guid? AssigneeUnitId, Guid? AssigneeUserId, DateTimeOffset? DueAt);

    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.Load(id, db, ct);
        if (response.CommanderId != db.Actor.UserId && !(db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
        {
            throw new ForbiddenException(Text.Get("Response.CommanderOnly"));
        }
        string? assigneePath = null;
        if (r.AssigneeUnitId is { } unitId)
        {
            assigneePath = await db.Units.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            // A task goes to a unit of the response's subtree or one of the command post's units.
            var taking = await db.Set<ResponseParticipant>().AnyAsync(p => p.ResponseId == id && p.UnitId == unitId, ct);
            if (assigneePath is null || !(assigneePath.StartsWith(response.UnitPath, StringComparison.Ordinal) || taking))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["assigneeUnitId"] = [Text.Get("Response.AssigneeUnit")] });
            }
        }
        Guid? userUnit = null;
        if (r.AssigneeUserId is { } userId)
        {
            // A person of the response's subtree or of a unit taking part; the same answer for one who does not exist.
            var user = await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId && !u.IsDisabled && (r.AssigneeUnitId == null || u.UnitId == r.AssigneeUnitId))
                .Select(u => new { u.UnitId, u.Unit!.Path }).FirstOrDefaultAsync(ct);
            var taking = user is not null && await db.Set<ResponseParticipant>().AnyAsync(p => p.ResponseId == id && p.UnitId == user.UnitId, ct);
            if (user is null || !(user.Path.StartsWith(response.UnitPath, StringComparison.Ordinal) || taking))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["assigneeUserId"] = [Text.Get("Response.AssigneeUser")] });
            }
            assigneePath = user.Path;
            userUnit = user.UnitId;
        }
        var task = ResponseTask.Create(response, r.GroupCode, r.Title, r.AssigneeUnitId, r.AssigneeUserId, r.DueAt ?? DateTimeOffset.MinValue,
            db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<ResponseTask>().Add(task);
        if ((r.AssigneeUnitId ?? userUnit) is { } u2 && !await db.Set<ResponseParticipant>().AnyAsync(p => p.ResponseId == id && p.UnitId == u2, ct))
        {
            db.Set<ResponseParticipant>().Add(ResponseParticipant.Of(id, u2));
        }
        var subject = outbox.Text("Response.TaskAssigned.Subject", task.Title);
        var body = outbox.Text("Response.TaskAssigned.Body", response.Place, task.Title);
        var people = r.AssigneeUserId is { } one ? [(one, assigneePath ?? response.UnitPath)]
            : await ResponseNotices.PeopleOf(db, r.AssigneeUnitId is { } au ? [au] : [], ct);
        foreach (var (user, path) in people)
        {
            outbox.ToUser(db, "response.task-assigned", user, path, subject, body, "response", response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("AddResponseTask").WithSummary("The commander adds a task to a group, for a unit or a person, with a due time; they are notified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
