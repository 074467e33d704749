using Beacon.Platform.Common;

namespace Beacon.Responses.Domain;

public enum TaskState
{
    Open,
    Accepted,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>
/// A task of the command post: owned by one of its groups, assigned to a unit or a person, due at a time. A
/// plan's measures become tasks at activation. Tasks change only while the response is open; it carries the
/// response's scope.
/// </summary>
public sealed class ResponseTask : IUnitScoped
{
    private ResponseTask()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResponseId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string GroupCode { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid? AssigneeUnitId { get; private set; }
    public Guid? AssigneeUserId { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public TaskState State { get; private set; }
    /// <summary>Made from a measure of the plan rather than by hand.</summary>
    public bool FromMeasure { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? LastProgress { get; private set; }
    public Guid? LastProgressBy { get; private set; }
    public DateTimeOffset? LastProgressAt { get; private set; }
    public Guid? DoneBy { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? CompletionNote { get; private set; }
    public Guid? CancelledBy { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public int Revision { get; private set; }

    public bool IsEnded => State is TaskState.Done or TaskState.Cancelled;

    public static ResponseTask Create(Response response, string? groupCode, string? title, Guid? assigneeUnitId, Guid? assigneeUserId,
        DateTimeOffset dueAt, Guid by, DateTimeOffset now, bool fromMeasure = false)
    {
        response.RequireOpen();
        var group = response.GroupFor(groupCode);
        var v = new Validator()
            .Check(group is not null, "groupCode", Text.Get("Response.UnknownGroup", groupCode))
            .Require("title", title, "Label.Title")
            .MaxLength("title", title?.Trim(), 300, "Label.Title");
        // A measure's target counts from activation, so a task made from it late may be due already.
        if (!fromMeasure && dueAt <= now)
        {
            v.Add("dueAt", Text.Get("Response.DeadlinePast"));
        }
        v.ThrowIfInvalid();
        return new ResponseTask
        {
            Id = Guid.NewGuid(),
            ResponseId = response.Id,
            UnitId = response.UnitId,
            UnitPath = response.UnitPath,
            GroupCode = group!.Code,
            Title = title!.Trim(),
            AssigneeUnitId = assigneeUnitId,
            AssigneeUserId = assigneeUserId,
            DueAt = dueAt.ToUniversalTime(),
            State = TaskState.Open,
            FromMeasure = fromMeasure,
            CreatedBy = by,
            CreatedAt = now.ToUniversalTime(),
            Revision = 1,
        };
    }

    /// <summary>
    /// The checklist of the plan for the response's level: each measure a task of its group, assigned to the
    /// group's lead unit and due its target minutes after activation.
    /// </summary>
    public static IReadOnlyList<ResponseTask> FromPlan(Response response, ResponsePlan? plan, Guid by, DateTimeOffset now)
    {
        if (plan is null)
        {
            return [];
        }
        var tasks = new List<ResponseTask>();
        foreach (var measure in plan.MeasuresFor(response.Level))
        {
            // The response keeps the groups it was activated with; a group added to the plan since has no one to take its measures.
            if (response.GroupFor(measure.GroupCode) is not { } group)
            {
                continue;
            }
            tasks.Add(Create(response, group.Code, measure.Title, group.LeadUnitId, null, response.ActivatedAt.AddMinutes(measure.TargetMinutes),
                by, now, fromMeasure: true));
        }
        return tasks;
    }

    public void Accept(Response response, Guid by, DateTimeOffset now)
    {
        RequireOpen(response);
        if (State != TaskState.Open)
        {
            throw new ConflictException(Text.Get("Response.TaskState", State, TaskState.Open));
        }
        State = TaskState.Accepted;
        AcceptedBy = by;
        AcceptedAt = now.ToUniversalTime();
        Revision++;
    }

    public void ReportProgress(Response response, string? text, Guid by, DateTimeOffset now)
    {
        RequireOpen(response);
        RequireNotEnded();
        new Validator()
            .Require("text", text, "Label.Progress")
            .MaxLength("text", text?.Trim(), 2000, "Label.Progress")
            .ThrowIfInvalid();
        State = TaskState.InProgress;
        LastProgress = text!.Trim();
        LastProgressBy = by;
        LastProgressAt = now.ToUniversalTime();
        Revision++;
    }

    public void Complete(Response response, string? note, Guid by, DateTimeOffset now)
    {
        RequireOpen(response);
        RequireNotEnded();
        new Validator().MaxLength("note", note?.Trim(), 2000, "Label.Note").ThrowIfInvalid();
        State = TaskState.Done;
        DoneBy = by;
        DoneAt = now.ToUniversalTime();
        CompletionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Revision++;
    }

    public void Cancel(Response response, string? reason, Guid by, DateTimeOffset now)
    {
        RequireOpen(response);
        RequireNotEnded();
        new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), 1000, "Label.Reason")
            .ThrowIfInvalid();
        State = TaskState.Cancelled;
        CancelledBy = by;
        CancelledAt = now.ToUniversalTime();
        CancelReason = reason!.Trim();
        Revision++;
    }

    public bool IsOverdue(DateTimeOffset now) => !IsEnded && now > DueAt;

    private void RequireOpen(Response response)
    {
        if (response.Id != ResponseId)
        {
            throw new ArgumentException("The task belongs to another response.", nameof(response));
        }
        response.RequireOpen();
    }

    private void RequireNotEnded()
    {
        if (IsEnded)
        {
            throw new ConflictException(Text.Get("Response.TaskEnded", State));
        }
    }
}
