using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>The command post's tasks: the commander adds them; the group's people accept, report progress and finish them.</summary>
public static class Tasks
{
    public sealed record AddTaskRequest(string? GroupCode, string? Title, Guid? AssigneeUnitId, Guid? AssigneeUserId, DateTimeOffset? DueAt);

    public sealed record TaskActionRequest(string? Text);

    /// <summary>Attachments of tasks are stored files of this owner type.</summary>
    public const string FileOwner = "response-task";

    /// <summary>A photo or PDF from the field, by someone who may work the task, while the response is open.</summary>
    public static async Task<ResponseDetail> Attach(Guid id, Guid taskId, string? fileName, Stream content, BeaconDbContext db, Uploads uploads,
        CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        // Under the lock, so a file cannot land after the response has ended.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseEndpoints.Get(id, db, ct);
        var task = await db.Set<ResponseTask>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == taskId && t.ResponseId == id, ct)
            ?? throw new NotFoundException("Entity.Task", taskId);
        await RequireMayWork(response, task, db, ct);
        response.RequireOpen();
        if (task.IsEnded)
        {
            throw new ConflictException(Text.Get("Response.TaskEnded", task.State));
        }
        await uploads.AttachAsync(db, tx, FileOwner, task.Id, response.UnitId, response.UnitPath, fileName, content, ct,
            f => db.AuditEvent("response.task-file-attached", "ResponseTask", task.Id.ToString(), new { f.FileName, f.Size, f.Sha256 }, response.UnitPath));
        return await ResponseEndpoints.Detail(response, db, ct);
    }

    /// <summary>An attachment, to anyone who may read the response.</summary>
    public static async Task<(StoredFile File, Stream Content)> Download(Guid id, Guid taskId, Guid fileId, BeaconDbContext db, Uploads uploads,
        CancellationToken ct)
    {
        await ResponseEndpoints.Get(id, db, ct);
        var file = (await Uploads.Of(db, FileOwner, [taskId], ct)).FirstOrDefault(f => f.Id == fileId)
            ?? throw new NotFoundException("Entity.File", fileId);
        if (!await db.Set<ResponseTask>().IgnoreQueryFilters().AnyAsync(t => t.Id == taskId && t.ResponseId == id, ct))
        {
            throw new NotFoundException("Entity.File", fileId);
        }
        return (file, await uploads.OpenAsync(file, ct));
    }

    public static async Task<ResponseDetail> Add(Guid id, AddTaskRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseEndpoints.Get(id, db, ct);
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
            : await ResponseEndpoints.PeopleOf(db, r.AssigneeUnitId is { } au ? [au] : [], ct);
        foreach (var (user, path) in people)
        {
            outbox.ToUser(db, "response.task-assigned", user, path, subject, body, "response", response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseEndpoints.Detail(response, db, ct);
    }

    /// <summary>One step on a task by someone who may work it: its assignee, a person of its unit, the commander, or a leader of the response's subtree.</summary>
    public static async Task<ResponseDetail> Act(Guid id, Guid taskId, string action, TaskActionRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseEndpoints.Get(id, db, ct);
        var task = await db.Set<ResponseTask>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == taskId && t.ResponseId == id, ct)
            ?? throw new NotFoundException("Entity.Task", taskId);
        await RequireMayWork(response, task, db, ct);
        var me = db.Actor.RequireUserId();
        var now = db.Time.GetUtcNow();
        switch (action)
        {
            case "acceptance":
                task.Accept(response, me, now);
                break;
            case "progress":
                task.ReportProgress(response, r.Text, me, now);
                break;
            case "completion":
                task.Complete(response, r.Text, me, now);
                break;
            case "cancellation":
                if (response.CommanderId != me && !(db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
                {
                    throw new ForbiddenException(Text.Get("Response.CommanderOnly"));
                }
                task.Cancel(response, r.Text, me, now);
                break;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseEndpoints.Detail(response, db, ct);
    }

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
            await ResponseEndpoints.RequireTakingPart(response, db, ct);
            return;
        }
        throw new ForbiddenException(Text.Get("Response.NotYourTask"));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/files", async Task<IResult> (Guid id, Guid taskId, HttpRequest request, BeaconDbContext db, Uploads uploads,
                CancellationToken ct) =>
            {
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.Empty")] });
                }
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await Attach(id, taskId, file.FileName, stream, db, uploads, ct));
            })
            .WithName("AttachTaskFile")
            .WithSummary("Attaches a photo (JPEG, PNG, GIF, WebP) or PDF to a task (form field 'file', up to Beacon:Files:MaxBytes, 10 MB by default); the type is read from the bytes and must match the name.")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/{id:guid}/tasks/{taskId:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid taskId, Guid fileId, BeaconDbContext db,
                Uploads uploads, CancellationToken ct) =>
            {
                var (file, content) = await Download(id, taskId, fileId, db, uploads, ct);
                return TypedResults.Stream(content, file.ContentType, file.FileName);
            })
            .WithName("TaskFile").WithSummary("An attachment of a task, to those who may read the response.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/tasks", async Task<Ok<ResponseDetail>> (Guid id, AddTaskRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Add(id, r, db, outbox, ct)))
            .WithName("AddResponseTask").WithSummary("The commander adds a task to a group, for a unit or a person, with a due time; they are notified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        foreach (var action in new[] { "acceptance", "progress", "completion", "cancellation" })
        {
            g.MapPost($"/{{id:guid}}/tasks/{{taskId:guid}}/{action}", async Task<Ok<ResponseDetail>> (Guid id, Guid taskId, TaskActionRequest? r,
                    BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Act(id, taskId, action, r ?? new TaskActionRequest(null), db, ct)))
                .WithName("Task" + char.ToUpperInvariant(action[0]) + action[1..])
                .WithSummary(action switch
                {
                    "acceptance" => "The task's unit or person accepts it.",
                    "progress" => "Reports progress (text).",
                    "completion" => "Marks the task done (optional note).",
                    _ => "The commander cancels the task (reason).",
                })
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        }
    }
}
