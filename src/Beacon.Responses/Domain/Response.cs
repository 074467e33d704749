using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;

namespace Beacon.Responses.Domain;

public enum ResponseState
{
    Active,
    Terminating,
    Terminated,
    Reported,
    Reviewed,
}

/// <summary>To whom a response of a level is reported for the record (PRODUCT.md, response authority table).</summary>
public enum RecordFiling
{
    None,
    PrincipalLeader,
    UpperOffice,
    UpperDepartment,
}

/// <summary>A group of the response's command post, as the plan (or the defaults) set it up at activation.</summary>
public sealed record CommandGroup(string Code, string NameZh, string? NameEn, Guid? LeadUnitId, IReadOnlyList<Guid> MemberUnitIds);

/// <summary>A decision on the level; the activation is the change from 0.</summary>
public sealed record LevelChange(int From, int To, Guid DecidedBy, DateTimeOffset At, string? Reason);

/// <summary>A lesson of the after-action review, with who is to act on it and by when.</summary>
public sealed record Finding(Guid Id, string Text, Guid? OwnerUnitId, string? Owner, DateTimeOffset? Deadline);

/// <summary>What activating a response records; the commander is the actor unless named.</summary>
public sealed record ActivateInput(
    Guid UnitId,
    string UnitPath,
    string? EventTypeCode,
    string? Place,
    string? Scope,
    int Level,
    Guid? CommanderId = null,
    Guid? SourceReportId = null,
    Guid? SourceWarningId = null,
    ResponsePlan? Plan = null);

/// <summary>
/// A graded emergency response (应急响应), level I–IV: active → (terminating →) terminated → reported →
/// reviewed. Activating, changing the level and terminating need the authority of the level; level I and II
/// owe a situation update every interval while open.
/// </summary>
public sealed class Response : IUnitScoped
{
    /// <summary>The most missed update slots one sweep records; the clock then resumes from the sweep's time.</summary>
    public const int MaxMissedSlots = 1000;

    // Not readonly: the store sets them when it loads the response.
    private List<CommandGroup> _groups = [];
    private List<LevelChange> _levelChanges = [];
    private List<Finding> _findings = [];

    private Response()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string EventTypeCode { get; private set; } = "";
    public string Place { get; private set; } = "";
    /// <summary>The affected scope (影响范围) as the activation describes it.</summary>
    public string Scope { get; private set; } = "";
    public int Level { get; private set; }
    public ResponseState State { get; private set; }
    public Guid CommanderId { get; private set; }
    public Guid ActivatedBy { get; private set; }
    public DateTimeOffset ActivatedAt { get; private set; }
    public Guid? SourceReportId { get; private set; }
    public Guid? SourceWarningId { get; private set; }
    public Guid? PlanId { get; private set; }
    public IReadOnlyList<CommandGroup> Groups => _groups;
    public IReadOnlyList<LevelChange> LevelChanges => _levelChanges;
    /// <summary>Optimistic concurrency: every decision on the response increments it.</summary>
    public int Revision { get; private set; }
    /// <summary>When the next situation update is due; null when none is owed (level III/IV, or closed).</summary>
    public DateTimeOffset? UpdateDueAt { get; private set; }

    public string? TerminationCondition { get; private set; }
    public Guid? TerminationRequestedBy { get; private set; }
    public DateTimeOffset? TerminationRequestedAt { get; private set; }
    public Guid? TerminationRejectedBy { get; private set; }
    public DateTimeOffset? TerminationRejectedAt { get; private set; }
    public string? TerminationRejectionReason { get; private set; }
    public Guid? TerminatedBy { get; private set; }
    public DateTimeOffset? TerminatedAt { get; private set; }

    /// <summary>When the event handling report (事件处置报告) is due: a set time after termination.</summary>
    public DateTimeOffset? ReportDueAt { get; private set; }
    public DateTimeOffset? ReportFiledAt { get; private set; }
    public Guid? ReportFiledBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public IReadOnlyList<Finding> Findings => _findings;
    /// <summary>Resources used (teams, equipment, supplies), one per line, for the handling report.</summary>
    public string? ResourcesUsed { get; private set; }

    /// <summary>The command post works: updates are posted and tasks change only while this holds.</summary>
    public bool IsOpen => State is ResponseState.Active or ResponseState.Terminating;

    public RecordFiling Filing => FilingFor(Level);

    public static Response Activate(ActivateInput input, Authority actorAuthority, Guid actorId, DateTimeOffset now, TimeSpan updateInterval)
    {
        var v = new Validator()
            .Check(input.Level is >= 1 and <= 4, "level", Text.Get("Response.Level"))
            .Require("eventTypeCode", input.EventTypeCode, "Label.EventType")
            .Require("place", input.Place, "Label.Place")
            .MaxLength("place", input.Place?.Trim(), 300, "Label.Place")
            .Require("scope", input.Scope, "Label.Scope")
            .MaxLength("scope", input.Scope?.Trim(), 1000, "Label.Scope");
        if (input.Plan is { } plan && !string.IsNullOrWhiteSpace(input.EventTypeCode)
            && !string.Equals(plan.EventTypeCode, input.EventTypeCode.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            v.Add("planId", Text.Get("Response.PlanEventType"));
        }
        v.ThrowIfInvalid();
        RequireAuthority(actorAuthority, input.Level);

        now = now.ToUniversalTime();
        var response = new Response
        {
            Id = Guid.NewGuid(),
            UnitId = input.UnitId,
            UnitPath = input.UnitPath,
            EventTypeCode = input.EventTypeCode!.Trim(),
            Place = input.Place!.Trim(),
            Scope = input.Scope!.Trim(),
            Level = input.Level,
            State = ResponseState.Active,
            CommanderId = input.CommanderId ?? actorId,
            ActivatedBy = actorId,
            ActivatedAt = now,
            SourceReportId = input.SourceReportId,
            SourceWarningId = input.SourceWarningId,
            PlanId = input.Plan?.Id,
            Revision = 1,
            UpdateDueAt = OwesUpdates(input.Level) ? now + updateInterval : null,
        };
        // A snapshot: revising the plan later does not reshape a command post already at work.
        response._groups = (input.Plan?.Groups ?? ResponsePlan.DefaultGroups())
            .Select(g => new CommandGroup(g.Code, g.NameZh, g.NameEn, g.LeadUnitId, g.MemberUnitIds.ToList()))
            .ToList();
        response._levelChanges.Add(new LevelChange(0, input.Level, actorId, now, null));
        return response;
    }

    /// <summary>Raises or lowers the level, with a reason, against the revision the decider saw.</summary>
    public void ChangeLevel(int newLevel, int expectedRevision, Authority actorAuthority, Guid actorId, string? reason, DateTimeOffset now,
        TimeSpan updateInterval)
    {
        RequireState(ResponseState.Active);
        RequireRevision(expectedRevision);
        new Validator()
            .Check(newLevel is >= 1 and <= 4, "level", Text.Get("Response.Level"))
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), 1000, "Label.Reason")
            .ThrowIfInvalid();
        if (newLevel == Level)
        {
            throw new DomainException(Text.Get("Response.SameLevel", Roman(Level)), "level");
        }
        // Raising: the authority of the new level decides. Lowering: still the authority of the current level,
        // or a level III head could lower a level I response to III and then end it alone.
        RequireAuthority(actorAuthority, Math.Min(newLevel, Level));

        now = now.ToUniversalTime();
        _levelChanges.Add(new LevelChange(Level, newLevel, actorId, now, reason!.Trim()));
        if (!OwesUpdates(newLevel))
        {
            UpdateDueAt = null;
        }
        else if (!OwesUpdates(Level))
        {
            UpdateDueAt = now + updateInterval;
        }
        Level = newLevel;
        Revision++;
    }

    /// <summary>Resources used, kept until the handling report is filed.</summary>
    public void RecordResources(string? text)
    {
        if (State is ResponseState.Reported or ResponseState.Reviewed)
        {
            throw new ConflictException(Text.Get("Response.State", State, ResponseState.Terminated));
        }
        new Validator().MaxLength("resourcesUsed", text?.Trim(), 4000, "Response.Resources").ThrowIfInvalid();
        ResourcesUsed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Adds an entry to the timeline; at level I and II it restarts the update clock.</summary>
    public SituationUpdate PostUpdate(string? text, Guid by, DateTimeOffset now, TimeSpan updateInterval)
    {
        RequireOpen();
        var update = SituationUpdate.Create(this, text, by, now);
        if (OwesUpdates(Level))
        {
            UpdateDueAt = update.At + updateInterval;
        }
        return update;
    }

    /// <summary>
    /// For the sweep: the update slots that passed without an update, oldest first, with the clock moved past
    /// them so each slot is reported once.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> TakeMissedUpdates(DateTimeOffset now, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var missed = new List<DateTimeOffset>();
        if (!IsOpen || UpdateDueAt is not { } due)
        {
            return missed;
        }
        while (due <= now && missed.Count < MaxMissedSlots)
        {
            missed.Add(due);
            due += interval;
        }
        if (due <= now)
        {
            // Left unswept for very long (the service was down): record the first slots, not a flood, and resume.
            due = due.AddTicks(((now - due).Ticks / interval.Ticks + 1) * interval.Ticks);
        }
        UpdateDueAt = due;
        return missed;
    }

    /// <summary>
    /// Asks to end the response once the stated condition is met. The commander may ask; the authority of the
    /// level decides, so when that authority asks, the response ends at once.
    /// </summary>
    public void RequestTermination(string? condition, Guid by, Authority actorAuthority, DateTimeOffset now, TimeSpan reportWindow)
    {
        RequireState(ResponseState.Active);
        new Validator()
            .Require("condition", condition, "Response.Condition")
            .MaxLength("condition", condition?.Trim(), 1000, "Response.Condition")
            .ThrowIfInvalid();
        var decides = Authorities.Permits(actorAuthority, Level);
        if (!decides && by != CommanderId)
        {
            throw new ForbiddenException(Text.Get("Response.CommanderOrAuthority", Roman(Level)));
        }

        now = now.ToUniversalTime();
        TerminationCondition = condition!.Trim();
        TerminationRequestedBy = by;
        TerminationRequestedAt = now;
        if (decides)
        {
            Terminate(by, now, reportWindow);
        }
        else
        {
            State = ResponseState.Terminating;
        }
        Revision++;
    }

    public void ApproveTermination(Guid by, Authority actorAuthority, DateTimeOffset now, TimeSpan reportWindow)
    {
        RequireState(ResponseState.Terminating);
        RequireAuthority(actorAuthority, Level);
        Terminate(by, now.ToUniversalTime(), reportWindow);
        Revision++;
    }

    /// <summary>The condition is not met: the response stays active and the request is cleared.</summary>
    public void RejectTermination(string? reason, Guid by, Authority actorAuthority, DateTimeOffset now, TimeSpan updateInterval)
    {
        RequireState(ResponseState.Terminating);
        new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), 1000, "Label.Reason")
            .ThrowIfInvalid();
        RequireAuthority(actorAuthority, Level);

        now = now.ToUniversalTime();
        State = ResponseState.Active;
        TerminationRejectedBy = by;
        TerminationRejectedAt = now;
        TerminationRejectionReason = reason!.Trim();
        TerminationCondition = null;
        TerminationRequestedBy = null;
        TerminationRequestedAt = null;
        // The clock ran on while terminating; it restarts only if it had stopped.
        if (OwesUpdates(Level) && UpdateDueAt is null)
        {
            UpdateDueAt = now + updateInterval;
        }
        Revision++;
    }

    /// <summary>Records that the event handling report was filed; the commander or the authority of the level files it.</summary>
    public void FileReport(Guid by, Authority actorAuthority, DateTimeOffset now)
    {
        RequireState(ResponseState.Terminated);
        if (by != CommanderId && !Authorities.Permits(actorAuthority, Level))
        {
            throw new ForbiddenException(Text.Get("Response.CommanderOrAuthority", Roman(Level)));
        }
        State = ResponseState.Reported;
        ReportFiledAt = now.ToUniversalTime();
        ReportFiledBy = by;
        Revision++;
    }

    /// <summary>When the overdue handling report was recorded (once).</summary>
    public DateTimeOffset? ReportOverdueAt { get; private set; }

    /// <summary>Records the handling report as overdue, once; false when it is not overdue or was recorded already.</summary>
    public bool MarkReportOverdue(DateTimeOffset now)
    {
        if (!ReportOverdue(now) || ReportOverdueAt is not null)
        {
            return false;
        }
        ReportOverdueAt = now.ToUniversalTime();
        return true;
    }

    public bool ReportOverdue(DateTimeOffset now) => State == ResponseState.Terminated && ReportDueAt is { } due && now > due;

    /// <summary>A finding of the review (复盘), once the report is in.</summary>
    public Finding AddFinding(string? text, Guid? ownerUnitId, string? owner, DateTimeOffset? deadline, DateTimeOffset now)
    {
        // Findings are recorded during the review; once it is closed the list stands.
        RequireState(ResponseState.Reported);
        var v = new Validator()
            .Require("text", text, "Response.FindingText")
            .MaxLength("text", text?.Trim(), 2000, "Response.FindingText")
            .MaxLength("owner", owner?.Trim(), 200, "Label.Owner");
        // A finding is worth something only with someone to act on it and a date to do it by.
        if (ownerUnitId is null && string.IsNullOrWhiteSpace(owner) || deadline is null)
        {
            v.Add("owner", Text.Get("Response.FindingOwner"));
        }
        if (deadline is { } d && d <= now)
        {
            v.Add("deadline", Text.Get("Response.DeadlinePast"));
        }
        v.ThrowIfInvalid();
        var finding = new Finding(Guid.NewGuid(), text!.Trim(), ownerUnitId, string.IsNullOrWhiteSpace(owner) ? null : owner.Trim(),
            deadline?.ToUniversalTime());
        _findings.Add(finding);
        return finding;
    }

    public void CompleteReview(Guid by, DateTimeOffset now)
    {
        RequireState(ResponseState.Reported);
        State = ResponseState.Reviewed;
        ReviewedAt = now.ToUniversalTime();
        ReviewedBy = by;
        Revision++;
    }

    /// <summary>The command post's group of this code (any case), or null.</summary>
    public CommandGroup? GroupFor(string? code)
    {
        var trimmed = code?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : _groups.FirstOrDefault(g => string.Equals(g.Code, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Level II is reported to the principal leader, III to the upper office, IV to the upper department; I to no one.</summary>
    public static RecordFiling FilingFor(int level) => level switch
    {
        1 => RecordFiling.None,
        2 => RecordFiling.PrincipalLeader,
        3 => RecordFiling.UpperOffice,
        4 => RecordFiling.UpperDepartment,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "A response level is 1 (I) to 4 (IV)."),
    };

    public static string Roman(int level) => level switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "A response level is 1 (I) to 4 (IV)."),
    };

    /// <summary>Level I and II need a situation update every interval (PRODUCT.md section 3).</summary>
    public static bool OwesUpdates(int level) => level is 1 or 2;

    internal void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new ConflictException(Text.Get("Response.Closed"));
        }
    }

    private void Terminate(Guid by, DateTimeOffset now, TimeSpan reportWindow)
    {
        State = ResponseState.Terminated;
        TerminatedBy = by;
        TerminatedAt = now;
        ReportDueAt = now + reportWindow;
        UpdateDueAt = null;
    }

    private void RequireState(ResponseState state)
    {
        if (State != state)
        {
            throw new ConflictException(Text.Get("Response.State", State, state));
        }
    }

    private void RequireRevision(int expectedRevision)
    {
        if (expectedRevision != Revision)
        {
            throw new ConflictException(Text.Get("Response.Stale"), "revision");
        }
    }

    private static void RequireAuthority(Authority authority, int level)
    {
        if (!Authorities.Permits(authority, level))
        {
            throw new ForbiddenException(Text.Get("Response.Authority", Roman(level)));
        }
    }
}

/// <summary>An entry of a response's timeline (态势更新). It carries the response's scope.</summary>
public sealed class SituationUpdate : IUnitScoped
{
    private SituationUpdate()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResponseId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string Text { get; private set; } = "";
    public Guid By { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static SituationUpdate Create(Response response, string? text, Guid by, DateTimeOffset now)
    {
        new Validator()
            .Require("text", text, "Response.UpdateText")
            .MaxLength("text", text?.Trim(), 4000, "Response.UpdateText")
            .ThrowIfInvalid();
        return new SituationUpdate
        {
            Id = Guid.NewGuid(),
            ResponseId = response.Id,
            UnitId = response.UnitId,
            UnitPath = response.UnitPath,
            Text = text!.Trim(),
            By = by,
            At = now.ToUniversalTime(),
        };
    }
}

/// <summary>A situation update a level I/II response owed and did not get in time (recorded like a missing report, 漏报).</summary>
public sealed class MissedUpdate : IUnitScoped
{
    private MissedUpdate()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResponseId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static MissedUpdate For(Response response, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ResponseId = response.Id,
        UnitId = response.UnitId,
        UnitPath = response.UnitPath,
        DueAt = dueAt.ToUniversalTime(),
        RecordedAt = now.ToUniversalTime(),
    };
}

/// <summary>
/// A unit taking part in a response (a group's lead or member unit, or a task's assignee unit): its people
/// read the response even when it was activated above them.
/// </summary>
public sealed class ResponseParticipant
{
    private ResponseParticipant()
    {
    }

    public Guid ResponseId { get; private set; }
    public Guid UnitId { get; private set; }

    public static ResponseParticipant Of(Guid responseId, Guid unitId) => new() { ResponseId = responseId, UnitId = unitId };
}

/// <summary>The event handling report as the commander filed it (the .docx Beacon drafted, edited and uploaded).</summary>
public sealed class HandlingReportFile : IUnitScoped
{
    private HandlingReportFile()
    {
    }

    public Guid ResponseId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public Guid FiledBy { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }

    public static HandlingReportFile For(Response response, string fileName, byte[] content, Guid by, DateTimeOffset now) => new()
    {
        ResponseId = response.Id,
        UnitId = response.UnitId,
        UnitPath = response.UnitPath,
        FileName = fileName,
        Content = content,
        FiledBy = by,
        FiledAt = now.ToUniversalTime(),
    };
}
