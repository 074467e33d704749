using Beacon.Platform.Common;

namespace Beacon.Hazards.Domain;

public enum HazardState
{
    /// <summary>Recorded; no rectification set yet.</summary>
    Open,
    Rectifying,
    ClosureSubmitted,
    Closed,
}

public enum HazardSource
{
    Screening,
    /// <summary>Found at any time, outside a screening plan.</summary>
    Inspection,
    ResponseFinding,
    Import,
}

/// <summary>A request to move the rectification deadline; Granted is null while the office has not decided.</summary>
public sealed record Extension(
    Guid Id,
    DateTimeOffset RequestedDeadline,
    string Reason,
    Guid RequestedBy,
    DateTimeOffset RequestedAt,
    bool? Granted,
    Guid? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote);

/// <summary>What the responsible unit reports of its rectification.</summary>
public sealed record ProgressEntry(DateTimeOffset At, Guid By, string Text);

/// <summary>What recording a hazard takes; FoundAt defaults to now.</summary>
public sealed record RecordInput(
    Guid UnitId,
    string UnitPath,
    string? Code,
    HazardSource Source,
    string? Domain,
    string? Place,
    string? Description,
    int Likelihood,
    int Impact,
    DateTimeOffset? FoundAt = null,
    Guid? PlanId = null);

/// <summary>
/// A finding of a response's review (复盘) turned into a hazard in one step: its text describes the hazard and, unless
/// measures are given, says what to do; its owner unit, owner and deadline become the rectification.
/// </summary>
public sealed record FindingInput(
    Guid UnitId,
    string UnitPath,
    string? Code,
    Guid ResponseId,
    Guid FindingId,
    string? Text,
    Guid? OwnerUnitId,
    string? Owner,
    DateTimeOffset? Deadline,
    string? Domain,
    string? Place,
    int Likelihood,
    int Impact,
    string? Measures = null);

/// <summary>
/// A hazard (隐患) found in a screening or at any time, assessed on the risk matrix and rectified (整改) by a
/// responsible unit: open → rectifying → closure submitted → closed (销号). A closed hazard that recurs is reopened
/// and counted as a repeat. Every change increments the revision, the lists included, as they are stored whole.
/// </summary>
public sealed class Hazard : IUnitScoped
{
    public const int MaxCode = 40;
    public const int MaxDomain = 40;
    public const int MaxPlace = 300;
    public const int MaxText = 4000;
    public const int MaxPerson = 100;
    public const int MaxReason = 1000;
    public const int MaxNote = 2000;
    public const int MaxProgress = 500;
    public const int MaxEvidence = 20;

    // Not readonly: the store sets them when it loads the hazard.
    private List<Extension> _extensions = [];
    private List<ProgressEntry> _progress = [];
    private List<Guid> _evidenceFileIds = [];

    private Hazard()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The unit where the hazard was found.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    /// <summary>The readable number the caller gives, e.g. "YH-2026-000123".</summary>
    public string Code { get; private set; } = "";
    public HazardSource Source { get; private set; }
    public Guid? PlanId { get; private set; }
    public string Domain { get; private set; } = "";
    public string Place { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int Likelihood { get; private set; }
    public int Impact { get; private set; }
    /// <summary>The band's code when last assessed; a later revision of the matrix does not change it.</summary>
    public string RiskLevel { get; private set; } = "";
    public string RiskLevelName { get; private set; } = "";
    public Guid AssessedBy { get; private set; }
    public DateTimeOffset AssessedAt { get; private set; }
    public DateTimeOffset FoundAt { get; private set; }
    public Guid ReportedBy { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public HazardState State { get; private set; }
    public Guid? SourceResponseId { get; private set; }
    public Guid? SourceFindingId { get; private set; }

    public Guid? ResponsibleUnitId { get; private set; }
    /// <summary>The responsible unit's path: its people read and work the hazard even when it was recorded above them.</summary>
    public string? ResponsibleUnitPath { get; private set; }
    public string? ResponsiblePerson { get; private set; }
    public string? Measures { get; private set; }
    public DateTimeOffset? Deadline { get; private set; }
    /// <summary>The deadline first set for this round of rectification, before any extension.</summary>
    public DateTimeOffset? OriginalDeadline { get; private set; }
    /// <summary>Extensions granted in this round of rectification.</summary>
    public int ExtensionCount { get; private set; }
    public Guid? AssignedBy { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public IReadOnlyList<Extension> Extensions => _extensions;
    public IReadOnlyList<ProgressEntry> Progress => _progress;

    public IReadOnlyList<Guid> EvidenceFileIds => _evidenceFileIds;
    public string? ClosureNote { get; private set; }
    public Guid? ClosureSubmittedBy { get; private set; }
    public DateTimeOffset? ClosureSubmittedAt { get; private set; }
    public Guid? ClosedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>Why the office last sent the closure back.</summary>
    public string? ReturnReason { get; private set; }
    public Guid? ReturnedBy { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    /// <summary>How many times the hazard recurred after being closed.</summary>
    public int RepeatCount { get; private set; }
    public string? ReopenReason { get; private set; }
    public Guid? ReopenedBy { get; private set; }
    public DateTimeOffset? ReopenedAt { get; private set; }
    public int Revision { get; private set; }

    /// <summary>The unit's part is done: its closure awaits the office or was accepted.</summary>
    public bool IsDone => State is HazardState.ClosureSubmitted or HazardState.Closed;

    public Extension? PendingExtension => _extensions.FirstOrDefault(e => e.Granted is null);

    public static Hazard Record(RecordInput input, RiskMatrix matrix, Guid by, DateTimeOffset now)
    {
        var foundAt = input.FoundAt ?? now;
        var v = CheckHazard(input.Code, input.Domain, input.Place, input.Description, input.Likelihood, input.Impact, matrix)
            // A finding's hazard carries its response and finding: it is made by FromFinding.
            .Check(Enum.IsDefined(input.Source) && input.Source != HazardSource.ResponseFinding, "source", Text.Get("Hazard.Source"))
            .Check(foundAt <= now, "foundAt", Text.Get("Hazard.FoundInFuture"))
            .Check(input.Source != HazardSource.Screening || input.PlanId is not null, "planId", Text.Get("Hazard.PlanRequired"));
        v.ThrowIfInvalid();
        var hazard = New(input.UnitId, input.UnitPath, input.Code!, input.Source, input.Domain!, input.Place!, input.Description!, foundAt, by,
            now);
        hazard.PlanId = input.Source == HazardSource.Screening ? input.PlanId : null;
        hazard.Assess(input.Likelihood, input.Impact, matrix, by, now);
        return hazard;
    }

    /// <summary>A review finding as a hazard already under rectification by the finding's owner.</summary>
    public static Hazard FromFinding(FindingInput input, RiskMatrix matrix, Guid by, DateTimeOffset now)
    {
        var measures = string.IsNullOrWhiteSpace(input.Measures) ? input.Text : input.Measures;
        var v = CheckHazard(input.Code, input.Domain, input.Place, input.Text, input.Likelihood, input.Impact, matrix);
        CheckRectification(v, input.OwnerUnitId, input.Owner, measures, input.Deadline, now, deadlineChanged: true);
        v.ThrowIfInvalid();
        var hazard = New(input.UnitId, input.UnitPath, input.Code!, HazardSource.ResponseFinding, input.Domain!, input.Place!, input.Text!, now,
            by, now);
        hazard.SourceResponseId = input.ResponseId;
        hazard.SourceFindingId = input.FindingId;
        hazard.Assess(input.Likelihood, input.Impact, matrix, by, now);
        hazard.Assign(input.OwnerUnitId!.Value, input.Owner!, measures!, input.Deadline!.Value, by, now);
        return hazard;
    }

    /// <summary>Moves the hazard to another cell of the matrix, and so perhaps to another band.</summary>
    public void Reassess(int likelihood, int impact, RiskMatrix matrix, Guid by, DateTimeOffset now)
    {
        if (State == HazardState.Closed)
        {
            throw new ConflictException(Text.Get("Hazard.Closed"));
        }
        var v = new Validator();
        matrix.CheckScale(v, likelihood, impact);
        v.ThrowIfInvalid();
        Assess(likelihood, impact, matrix, by, now);
        Revision++;
    }

    /// <summary>Sets the rectification of an open hazard, or corrects it while under way.</summary>
    public void SetRectification(Guid? responsibleUnitId, string? person, string? measures, DateTimeOffset? deadline, Guid by,
        DateTimeOffset now)
    {
        if (State is not (HazardState.Open or HazardState.Rectifying))
        {
            throw new ConflictException(Text.Get("Hazard.RectificationLocked", State));
        }
        // Correcting the person or measures of an overdue hazard keeps its passed deadline; only a new date must lie ahead.
        var v = CheckRectification(new Validator(), responsibleUnitId, person, measures, deadline, now, deadlineChanged: deadline != Deadline);
        v.ThrowIfInvalid();
        Assign(responsibleUnitId!.Value, person!, measures!, deadline!.Value, by, now);
        Revision++;
    }

    public void RecordProgress(string? text, Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.Rectifying);
        new Validator()
            .Require("text", text, "Label.Progress")
            .MaxLength("text", text?.Trim(), MaxNote, "Label.Progress")
            .ThrowIfInvalid();
        if (_progress.Count >= MaxProgress)
        {
            throw new DomainException(Text.Get("Hazard.TooMuchProgress", MaxProgress));
        }
        _progress.Add(new ProgressEntry(now.ToUniversalTime(), by, text!.Trim()));
        Revision++;
    }

    /// <summary>
    /// The responsible unit asks for a later deadline, with a reason. One request waits at a time, and at most
    /// <paramref name="maxExtensions"/> are granted in a round of rectification.
    /// </summary>
    public Extension RequestExtension(DateTimeOffset newDeadline, string? reason, Guid by, DateTimeOffset now, int maxExtensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExtensions);
        RequireState(HazardState.Rectifying);
        new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), MaxReason, "Label.Reason")
            .Check(Deadline is not { } current || newDeadline > current, "newDeadline", Text.Get("Hazard.ExtensionNotLater"))
            .Check(newDeadline > now, "newDeadline", Text.Get("Hazard.DeadlinePast"))
            .ThrowIfInvalid();
        if (PendingExtension is not null)
        {
            throw new DomainException(Text.Get("Hazard.ExtensionPending"));
        }
        // Only granted ones count: none is pending here, and a refused request extended nothing.
        if (ExtensionCount >= maxExtensions)
        {
            throw new DomainException(Text.Get("Hazard.TooManyExtensions", maxExtensions));
        }
        var extension = new Extension(Guid.NewGuid(), newDeadline.ToUniversalTime(), reason!.Trim(), by, now.ToUniversalTime(), null, null, null,
            null);
        _extensions.Add(extension);
        Revision++;
        return extension;
    }

    /// <summary>The office grants the request (the deadline moves) or refuses it with a note.</summary>
    public void DecideExtension(Guid extensionId, bool grant, string? note, Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.Rectifying);
        var index = _extensions.FindIndex(e => e.Id == extensionId);
        if (index < 0)
        {
            throw new NotFoundException("Entity.Extension", extensionId);
        }
        var extension = _extensions[index];
        if (extension.Granted is not null)
        {
            throw new ConflictException(Text.Get("Hazard.ExtensionDecided"));
        }
        new Validator()
            .Check(grant || !string.IsNullOrWhiteSpace(note), "note", Text.Get("Required", Text.Get("Label.Reason")))
            .MaxLength("note", note?.Trim(), MaxReason, "Label.Note")
            .ThrowIfInvalid();
        _extensions[index] = extension with
        {
            Granted = grant,
            DecidedBy = by,
            DecidedAt = now.ToUniversalTime(),
            DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        if (grant)
        {
            // The office may have set a later date itself meanwhile; a grant never shortens the deadline.
            if (Deadline is not { } current || extension.RequestedDeadline > current)
            {
                Deadline = extension.RequestedDeadline;
            }
            ExtensionCount++;
        }
        Revision++;
    }

    /// <summary>The responsible unit asks to close (销号) with evidence files and a note.</summary>
    public void SubmitClosure(IReadOnlyList<Guid>? evidenceFileIds, string? note, Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.Rectifying);
        var files = (evidenceFileIds ?? []).Where(id => id != Guid.Empty).Distinct().ToList();
        new Validator()
            .Check(files.Count > 0, "evidence", Text.Get("Hazard.NoEvidence"))
            .Check(files.Count <= MaxEvidence, "evidence", Text.Get("Hazard.TooMuchEvidence", MaxEvidence))
            .Require("note", note, "Hazard.ClosureNote")
            .MaxLength("note", note?.Trim(), MaxNote, "Hazard.ClosureNote")
            .ThrowIfInvalid();
        // An undecided request for more time contradicts a claim to be done; the office decides it first.
        if (PendingExtension is not null)
        {
            throw new DomainException(Text.Get("Hazard.DecideExtensionFirst"));
        }
        _evidenceFileIds = files;
        ClosureNote = note!.Trim();
        ClosureSubmittedBy = by;
        ClosureSubmittedAt = now.ToUniversalTime();
        State = HazardState.ClosureSubmitted;
        Revision++;
    }

    public void AcceptClosure(Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.ClosureSubmitted);
        State = HazardState.Closed;
        ClosedBy = by;
        ClosedAt = now.ToUniversalTime();
        Revision++;
    }

    /// <summary>The office sends the closure back: the unit rectifies further and submits again.</summary>
    public void ReturnClosure(string? reason, Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.ClosureSubmitted);
        RequireReason(reason);
        ReturnReason = reason!.Trim();
        ReturnedBy = by;
        ReturnedAt = now.ToUniversalTime();
        State = HazardState.Rectifying;
        Revision++;
    }

    /// <summary>
    /// The closed hazard recurred: it opens again as a repeat, keeping its responsible unit, person and measures but
    /// needing a new deadline; the closure of the last round is left to the audit trail.
    /// </summary>
    public void Reopen(string? reason, Guid by, DateTimeOffset now)
    {
        RequireState(HazardState.Closed);
        RequireReason(reason);
        RepeatCount++;
        ReopenReason = reason!.Trim();
        ReopenedBy = by;
        ReopenedAt = now.ToUniversalTime();
        Deadline = null;
        OriginalDeadline = null;
        ExtensionCount = 0;
        _evidenceFileIds = [];
        ClosureNote = null;
        ClosureSubmittedBy = null;
        ClosureSubmittedAt = null;
        ClosedBy = null;
        ClosedAt = null;
        ReturnReason = null;
        ReturnedBy = null;
        ReturnedAt = null;
        State = HazardState.Open;
        Revision++;
    }

    /// <summary>The store knows unit paths; the rules only the unit's id.</summary>
    internal void LocateResponsibleUnit(string path) => ResponsibleUnitPath = path;

    public bool IsOverdue(DateTimeOffset now) => Due(now) == DueColour.Overdue;

    // Qualified: inside Hazard, "Due" alone names this method.
    public DueColour Due(DateTimeOffset now) => global::Beacon.Platform.Common.Due.Of(Deadline, IsDone, now);

    private static Hazard New(Guid unitId, string unitPath, string code, HazardSource source, string domain, string place, string description,
        DateTimeOffset foundAt, Guid by, DateTimeOffset now)
    {
        return new Hazard
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            UnitPath = unitPath,
            Code = code.Trim(),
            Source = source,
            Domain = domain.Trim(),
            Place = place.Trim(),
            Description = description.Trim(),
            FoundAt = foundAt.ToUniversalTime(),
            ReportedBy = by,
            ReportedAt = now.ToUniversalTime(),
            State = HazardState.Open,
            Revision = 1,
        };
    }

    private static Validator CheckHazard(string? code, string? domain, string? place, string? description, int likelihood, int impact,
        RiskMatrix matrix)
    {
        var v = new Validator()
            .Require("code", code, "Label.Code")
            .MaxLength("code", code?.Trim(), MaxCode, "Label.Code")
            .Require("domain", domain, "Hazard.Domain")
            .MaxLength("domain", domain?.Trim(), MaxDomain, "Hazard.Domain")
            .Require("place", place, "Label.Place")
            .MaxLength("place", place?.Trim(), MaxPlace, "Label.Place")
            .Require("description", description, "Hazard.Description")
            .MaxLength("description", description?.Trim(), MaxText, "Hazard.Description");
        matrix.CheckScale(v, likelihood, impact);
        return v;
    }

    private static Validator CheckRectification(Validator v, Guid? unitId, string? person, string? measures, DateTimeOffset? deadline,
        DateTimeOffset now, bool deadlineChanged)
    {
        v.Check(unitId is { } id && id != Guid.Empty, "responsibleUnitId", Text.Get("Required", Text.Get("Hazard.ResponsibleUnit")))
            .Require("responsiblePerson", person, "Label.Owner")
            .MaxLength("responsiblePerson", person?.Trim(), MaxPerson, "Label.Owner")
            .Require("measures", measures, "Hazard.Measures")
            .MaxLength("measures", measures?.Trim(), MaxText, "Hazard.Measures")
            .Check(deadline is not null, "deadline", Text.Get("Required", Text.Get("Hazard.Deadline")));
        if (deadlineChanged && deadline is { } d && d <= now)
        {
            v.Add("deadline", Text.Get("Hazard.DeadlinePast"));
        }
        return v;
    }

    private void Assess(int likelihood, int impact, RiskMatrix matrix, Guid by, DateTimeOffset now)
    {
        var band = matrix.BandOf(likelihood, impact);
        Likelihood = likelihood;
        Impact = impact;
        RiskLevel = band.Code;
        RiskLevelName = band.NameZh;
        AssessedBy = by;
        AssessedAt = now.ToUniversalTime();
    }

    private void Assign(Guid unitId, string person, string measures, DateTimeOffset deadline, Guid by, DateTimeOffset now)
    {
        ResponsibleUnitId = unitId;
        ResponsiblePerson = person.Trim();
        Measures = measures.Trim();
        Deadline = deadline.ToUniversalTime();
        OriginalDeadline ??= Deadline;
        AssignedBy = by;
        AssignedAt = now.ToUniversalTime();
        State = HazardState.Rectifying;
    }

    private void RequireState(HazardState state)
    {
        if (State != state)
        {
            throw new ConflictException(Text.Get("Hazard.State", State, state));
        }
    }

    private static void RequireReason(string? reason)
    {
        new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), MaxReason, "Label.Reason")
            .ThrowIfInvalid();
    }
}
