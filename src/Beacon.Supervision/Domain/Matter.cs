using Beacon.Platform.Common;

namespace Beacon.Supervision.Domain;

public enum MatterState
{
    Assigned,
    InProgress,
    ClosureSubmitted,
    Closed,
}

/// <summary>How far the supervision (督办) of an overdue matter has gone.</summary>
public enum SupervisionStage
{
    None,
    /// <summary>A supervision card (督办卡) is in force with its own deadline.</summary>
    Card,
    /// <summary>The card's deadline passed with the matter open: the responsible leader owes a written explanation.</summary>
    ExplanationDue,
    /// <summary>The responsible leader filed the explanation; the matter stays on the accountability list.</summary>
    Explained,
}

/// <summary>An entry of the handling unit's progress (承办进展).</summary>
public sealed record MatterProgress(DateTimeOffset At, Guid By, string Text);

/// <summary>A request to move the deadline; <c>Granted</c> is null while it awaits the office's decision.</summary>
public sealed record MatterExtension(
    Guid Id,
    DateTimeOffset RequestedDeadline,
    string Reason,
    Guid RequestedBy,
    DateTimeOffset RequestedAt,
    bool? Granted,
    Guid? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote);

/// <summary>A supervision card (督办卡): issued once the deadline it names passed, with a last deadline before accountability.</summary>
public sealed record SupervisionCard(Guid Id, int Number, DateTimeOffset IssuedAt, DateTimeOffset OriginalDeadline, DateTimeOffset CardDeadline);

/// <summary>What assigning a matter records: the assigning office and the handling unit, each with its path.</summary>
public sealed record AssignInput(
    Guid UnitId,
    string UnitPath,
    Guid HandlingUnitId,
    string? HandlingUnitPath,
    string Code,
    string? Title,
    string? Notice,
    Guid ResponsibleLeaderId,
    DateTimeOffset Deadline,
    Guid? HandlerId = null);

/// <summary>
/// A matter an office assigns to a unit of its subtree (交办): handled with a plan and progress (承办), extended on
/// request, supervised with a card once overdue (督办), closed on the office's review of the closing report (销号),
/// and put on the accountability list when still open after the card's deadline (查办).
/// </summary>
public sealed class Matter : IUnitScoped
{
    public const int DefaultMaxExtensions = 2;
    public static readonly TimeSpan DefaultCardPeriod = TimeSpan.FromDays(5);

    // Not readonly: the store sets them when it loads the matter.
    private List<MatterProgress> _progress = [];
    private List<MatterExtension> _extensions = [];
    private List<SupervisionCard> _cards = [];
    private List<Guid> _closingEvidenceFileIds = [];

    private Matter()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The assigning office: its subtree sees the matter.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid HandlingUnitId { get; private set; }
    public string HandlingUnitPath { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The matter as the assignment notice states it.</summary>
    public string Notice { get; private set; } = "";
    public Guid ResponsibleLeaderId { get; private set; }
    public Guid? HandlerId { get; private set; }
    /// <summary>The deadline in force: the assigned one, or the last granted extension.</summary>
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset OriginalDeadline { get; private set; }
    public Guid AssignedBy { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public MatterState State { get; private set; }

    /// <summary>The handling plan (承办方案).</summary>
    public string? Plan { get; private set; }
    public Guid? PlanBy { get; private set; }
    public DateTimeOffset? PlanAt { get; private set; }
    public IReadOnlyList<MatterProgress> Progress => _progress;
    public IReadOnlyList<MatterExtension> Extensions => _extensions;

    public SupervisionStage Stage { get; private set; }
    public IReadOnlyList<SupervisionCard> Cards => _cards;
    /// <summary>When the written explanation became required (the card's deadline was found passed).</summary>
    public DateTimeOffset? ExplanationDueAt { get; private set; }
    public string? Explanation { get; private set; }
    public DateTimeOffset? ExplainedAt { get; private set; }
    public Guid? ExplainedBy { get; private set; }
    /// <summary>On the accountability list (查办); it stays set once closed, as history.</summary>
    public bool InAccountability { get; private set; }
    public DateTimeOffset? AccountabilitySince { get; private set; }

    public string? ClosingReport { get; private set; }
    public IReadOnlyList<Guid> ClosingEvidenceFileIds => _closingEvidenceFileIds;
    public DateTimeOffset? ClosureSubmittedAt { get; private set; }
    public Guid? ClosureSubmittedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public Guid? ClosedBy { get; private set; }
    /// <summary>Why the office last sent the closure back.</summary>
    public string? ReturnReason { get; private set; }
    public Guid? ReturnedBy { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    /// <summary>Optimistic concurrency: every change increments it.</summary>
    public int Revision { get; private set; }

    /// <summary>The unit works on it: neither awaiting the office's review of its closure nor closed.</summary>
    public bool IsOpen => State is MatterState.Assigned or MatterState.InProgress;

    /// <summary>The card's deadline while a card is in force, else the deadline.</summary>
    public DateTimeOffset EffectiveDeadline => Stage == SupervisionStage.Card ? _cards[^1].CardDeadline : Deadline;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && now > EffectiveDeadline;

    /// <summary>The list colour; none while the office reviews the closure, since the unit's part is done.</summary>
    public DueColour Colour(DateTimeOffset now) => Due.Of(EffectiveDeadline, !IsOpen, now);

    public static Matter Assign(AssignInput input, Guid by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input.UnitPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.Code);
        new Validator()
            .Require("title", input.Title, "Label.Title")
            .MaxLength("title", input.Title?.Trim(), 200, "Label.Title")
            .Require("notice", input.Notice, "Matter.Notice")
            .MaxLength("notice", input.Notice?.Trim(), 4000, "Matter.Notice")
            .Check(input.ResponsibleLeaderId != Guid.Empty, "responsibleLeaderId", Text.Get("Required", Text.Get("Label.ResponsibleLeader")))
            .Check(input.HandlingUnitId != Guid.Empty && !string.IsNullOrWhiteSpace(input.HandlingUnitPath), "handlingUnitId",
                Text.Get("Required", Text.Get("Label.HandlingUnit")))
            .Check(input.Deadline > now, "deadline", Text.Get("Matter.DeadlinePast"))
            .ThrowIfInvalid();
        if (!input.HandlingUnitPath!.StartsWith(input.UnitPath, StringComparison.Ordinal))
        {
            throw new DomainException(Text.Get("Matter.OutsideSubtree"), "handlingUnitId");
        }

        return new Matter
        {
            Id = Guid.NewGuid(),
            UnitId = input.UnitId,
            UnitPath = input.UnitPath,
            HandlingUnitId = input.HandlingUnitId,
            HandlingUnitPath = input.HandlingUnitPath!,
            Code = input.Code.Trim(),
            Title = input.Title!.Trim(),
            Notice = input.Notice!.Trim(),
            ResponsibleLeaderId = input.ResponsibleLeaderId,
            HandlerId = input.HandlerId,
            Deadline = input.Deadline.ToUniversalTime(),
            OriginalDeadline = input.Deadline.ToUniversalTime(),
            AssignedBy = by,
            AssignedAt = now.ToUniversalTime(),
            State = MatterState.Assigned,
            Stage = SupervisionStage.None,
            Revision = 1,
        };
    }

    /// <summary>Records or replaces the handling plan; the matter is then in hand.</summary>
    public void RecordPlan(string? plan, Guid by, DateTimeOffset now)
    {
        RequireOpen();
        new Validator()
            .Require("plan", plan, "Matter.Plan")
            .MaxLength("plan", plan?.Trim(), 4000, "Matter.Plan")
            .ThrowIfInvalid();
        Plan = plan!.Trim();
        PlanBy = by;
        PlanAt = now.ToUniversalTime();
        State = MatterState.InProgress;
        Revision++;
    }

    public void RecordProgress(string? text, Guid by, DateTimeOffset now)
    {
        RequireOpen();
        new Validator()
            .Require("text", text, "Label.Progress")
            .MaxLength("text", text?.Trim(), 2000, "Label.Progress")
            .ThrowIfInvalid();
        _progress.Add(new MatterProgress(now.ToUniversalTime(), by, text!.Trim()));
        State = MatterState.InProgress;
        Revision++;
    }

    /// <summary>Asks the office for a later deadline; one request at a time, and at most the configured number per matter.</summary>
    public MatterExtension RequestExtension(DateTimeOffset newDeadline, string? reason, Guid by, DateTimeOffset now, int maxExtensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExtensions);
        RequireOpen();
        var v = new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), 1000, "Label.Reason");
        if (newDeadline <= Deadline)
        {
            v.Add("newDeadline", Text.Get("Matter.ExtensionEarlier"));
        }
        else if (newDeadline <= now)
        {
            v.Add("newDeadline", Text.Get("Matter.DeadlinePast"));
        }
        v.ThrowIfInvalid();
        if (_extensions.Any(e => e.Granted is null))
        {
            throw new DomainException(Text.Get("Matter.ExtensionPending"));
        }
        // Granted and pending requests count; a refused one extended nothing.
        if (_extensions.Count(e => e.Granted != false) >= maxExtensions)
        {
            throw new DomainException(Text.Get("Matter.ExtensionLimit", maxExtensions));
        }

        var extension = new MatterExtension(Guid.NewGuid(), newDeadline.ToUniversalTime(), reason!.Trim(), by, now.ToUniversalTime(),
            null, null, null, null);
        _extensions.Add(extension);
        Revision++;
        return extension;
    }

    /// <summary>
    /// The office grants or refuses a pending request; refusing needs a note. Granting moves the deadline. A card
    /// in force is lifted when the granted date is later than the card's deadline (a later missed deadline brings
    /// the next card); otherwise the card's deadline, being the later one, still governs. Once the explanation is
    /// due the stage and the accountability flag stay: they are history.
    /// </summary>
    public void DecideExtension(Guid extensionId, bool grant, string? note, Guid by, DateTimeOffset now)
    {
        // Still decidable while the closure is under review: the office may send it back.
        if (State == MatterState.Closed)
        {
            throw new ConflictException(Text.Get("Matter.State", State));
        }
        var index = _extensions.FindIndex(e => e.Id == extensionId);
        if (index < 0)
        {
            throw new NotFoundException("Entity.Extension", extensionId);
        }
        var request = _extensions[index];
        if (request.Granted is not null)
        {
            throw new ConflictException(Text.Get("Matter.ExtensionDecided"));
        }
        var v = new Validator();
        if (!grant)
        {
            v.Require("note", note, "Label.Note");
        }
        v.MaxLength("note", note?.Trim(), 1000, "Label.Note").ThrowIfInvalid();

        _extensions[index] = request with
        {
            Granted = grant,
            DecidedBy = by,
            DecidedAt = now.ToUniversalTime(),
            DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        if (grant)
        {
            Deadline = request.RequestedDeadline;
            if (Stage == SupervisionStage.Card && Deadline > _cards[^1].CardDeadline)
            {
                Stage = SupervisionStage.None;
            }
        }
        Revision++;
    }

    /// <summary>For the sweep: issues the next card when an open matter without one is past its deadline; else null.</summary>
    public SupervisionCard? IssueCardIfDue(DateTimeOffset now, TimeSpan cardPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cardPeriod, TimeSpan.Zero);
        if (!IsOpen || Stage != SupervisionStage.None || now <= Deadline)
        {
            return null;
        }
        now = now.ToUniversalTime();
        var card = new SupervisionCard(Guid.NewGuid(), _cards.Count + 1, now, Deadline, now + cardPeriod);
        _cards.Add(card);
        Stage = SupervisionStage.Card;
        Revision++;
        return card;
    }

    /// <summary>
    /// For the sweep: when the card's deadline passed with the matter still open, the responsible leader owes a
    /// written explanation and the matter enters the accountability list. False when nothing changed.
    /// </summary>
    public bool RequireExplanationIfDue(DateTimeOffset now)
    {
        if (!IsOpen || Stage != SupervisionStage.Card || now <= _cards[^1].CardDeadline)
        {
            return false;
        }
        now = now.ToUniversalTime();
        Stage = SupervisionStage.ExplanationDue;
        ExplanationDueAt = now;
        InAccountability = true;
        AccountabilitySince = now;
        Revision++;
        return true;
    }

    /// <summary>The responsible leader's written explanation; owed even if the matter was closed meanwhile.</summary>
    public void FileExplanation(string? text, Guid by, DateTimeOffset now)
    {
        if (Stage != SupervisionStage.ExplanationDue)
        {
            throw new ConflictException(Text.Get("Matter.ExplanationNotDue"));
        }
        if (by != ResponsibleLeaderId)
        {
            throw new ForbiddenException(Text.Get("Matter.LeaderOnly"));
        }
        new Validator()
            .Require("text", text, "Matter.Explanation")
            .MaxLength("text", text?.Trim(), 4000, "Matter.Explanation")
            .ThrowIfInvalid();
        Explanation = text!.Trim();
        ExplainedAt = now.ToUniversalTime();
        ExplainedBy = by;
        Stage = SupervisionStage.Explained;
        Revision++;
    }

    /// <summary>The unit's closing report (销号申请), with evidence files if any; a new submission replaces the last.</summary>
    public void SubmitClosure(string? report, IReadOnlyList<Guid>? evidenceFileIds, Guid by, DateTimeOffset now)
    {
        RequireOpen();
        new Validator()
            .Require("report", report, "Matter.ClosingReport")
            .MaxLength("report", report?.Trim(), 4000, "Matter.ClosingReport")
            .ThrowIfInvalid();
        ClosingReport = report!.Trim();
        _closingEvidenceFileIds = evidenceFileIds?.Distinct().ToList() ?? [];
        ClosureSubmittedAt = now.ToUniversalTime();
        ClosureSubmittedBy = by;
        State = MatterState.ClosureSubmitted;
        Revision++;
    }

    public void AcceptClosure(Guid by, DateTimeOffset now)
    {
        RequireState(MatterState.ClosureSubmitted);
        ClosedAt = now.ToUniversalTime();
        ClosedBy = by;
        State = MatterState.Closed;
        Revision++;
    }

    /// <summary>The office sends the closure back; the unit works on and submits again.</summary>
    public void ReturnClosure(string? reason, Guid by, DateTimeOffset now)
    {
        RequireState(MatterState.ClosureSubmitted);
        new Validator()
            .Require("reason", reason, "Label.Reason")
            .MaxLength("reason", reason?.Trim(), 1000, "Label.Reason")
            .ThrowIfInvalid();
        ReturnReason = reason!.Trim();
        ReturnedBy = by;
        ReturnedAt = now.ToUniversalTime();
        State = MatterState.InProgress;
        Revision++;
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new ConflictException(Text.Get("Matter.State", State));
        }
    }

    private void RequireState(MatterState state)
    {
        if (State != state)
        {
            throw new ConflictException(Text.Get("Matter.State", State));
        }
    }
}

/// <summary>The counters above a list of matters.</summary>
/// <param name="Open">Not yet closed, including those whose closure awaits review.</param>
/// <param name="DueSoon">Open and due within three days (the card's deadline while a card is in force).</param>
/// <param name="Overdue">Open and past the deadline in force.</param>
/// <param name="Carded">Not closed, with a supervision card in force.</param>
/// <param name="InAccountability">On the accountability list, closed ones included.</param>
/// <param name="Closed">Closed (销号).</param>
public sealed record MatterCounters(int Open, int DueSoon, int Overdue, int Carded, int InAccountability, int Closed)
{
    public static MatterCounters Count(IEnumerable<Matter> matters, DateTimeOffset now)
    {
        int open = 0, dueSoon = 0, overdue = 0, carded = 0, inAccountability = 0, closed = 0;
        foreach (var matter in matters)
        {
            if (matter.State == MatterState.Closed)
            {
                closed++;
            }
            else
            {
                open++;
                if (matter.Stage == SupervisionStage.Card)
                {
                    carded++;
                }
            }
            var colour = matter.Colour(now);
            if (colour == DueColour.DueSoon)
            {
                dueSoon++;
            }
            else if (colour == DueColour.Overdue)
            {
                overdue++;
            }
            if (matter.InAccountability)
            {
                inAccountability++;
            }
        }
        return new MatterCounters(open, dueSoon, overdue, carded, inAccountability, closed);
    }
}
