using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

/// <summary>
/// One duty shift of a unit: the A post (值班员) receives reports, the B post backs them up, and the unit
/// head is the last to be alerted. Shifts of a unit do not overlap.
/// </summary>
public sealed class DutyShift : IUnitScoped
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(7);

    private DutyShift()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid APostUserId { get; private set; }
    public Guid? BPostUserId { get; private set; }
    public Guid? HeadUserId { get; private set; }

    public bool Covers(DateTimeOffset at) => StartsAt <= at && at < EndsAt;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;

    /// <summary>Checks the times and posts; <paramref name="others"/> are the unit's other shifts.</summary>
    public static DutyShift Plan(Guid unitId, string unitPath, DateTimeOffset? start, DateTimeOffset? end, Guid? aPost, Guid? bPost, Guid? head,
        IEnumerable<DutyShift> others, Func<Guid, bool> isDutyOfficerOfUnit, Func<Guid, bool> isMemberOfUnit, Func<DateTimeOffset, string>? show = null)
    {
        var shift = new DutyShift { Id = Guid.NewGuid(), UnitId = unitId, UnitPath = unitPath };
        shift.Change(start, end, aPost, bPost, head, others, isDutyOfficerOfUnit, isMemberOfUnit, show);
        return shift;
    }

    /// <param name="show">How a time appears in a message (the organisation's local time); ISO UTC when not given.</param>
    /// <param name="now">When given, a shift that has begun keeps its start and posts (they are the record of who was on duty); only its end may move.</param>
    public void Change(DateTimeOffset? start, DateTimeOffset? end, Guid? aPost, Guid? bPost, Guid? head,
        IEnumerable<DutyShift> others, Func<Guid, bool> isDutyOfficerOfUnit, Func<Guid, bool> isMemberOfUnit, Func<DateTimeOffset, string>? show = null,
        DateTimeOffset? now = null)
    {
        if (now is { } at && StartsAt != default && StartsAt <= at
            && (start?.ToUniversalTime() != StartsAt || aPost != APostUserId || bPost != BPostUserId || head != HeadUserId))
        {
            throw new ConflictException(Text.Get("Duty.StartedChange"));
        }
        show ??= t => t.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
        var v = new Validator()
            .Check(start is not null, "startsAt", Text.Get("Required", Text.Get("Duty.StartsAt")))
            .Check(end is not null, "endsAt", Text.Get("Required", Text.Get("Duty.EndsAt")))
            .Check(aPost is not null, "aPostUserId", Text.Get("Required", Text.Get("Duty.APost")));
        if (start is { } s && end is { } e)
        {
            v.Check(e > s, "endsAt", Text.Get("Duty.EndBeforeStart"))
                .Check(e - s <= MaxLength, "endsAt", Text.Get("Duty.TooLong"));
            if (e > s && others.FirstOrDefault(o => o.Id != Id && o.Overlaps(s, e)) is { } clash)
            {
                v.Add("startsAt", Text.Get("Duty.Overlap", show(clash.StartsAt), show(clash.EndsAt)));
            }
        }
        if (aPost is { } a && !isDutyOfficerOfUnit(a))
        {
            v.Add("aPostUserId", Text.Get("Duty.NotOfficer"));
        }
        if (bPost is { } b && !isDutyOfficerOfUnit(b))
        {
            v.Add("bPostUserId", Text.Get("Duty.NotOfficer"));
        }
        if (bPost is not null && bPost == aPost)
        {
            v.Add("bPostUserId", Text.Get("Duty.SamePerson"));
        }
        if (head is { } h && !isMemberOfUnit(h))
        {
            v.Add("headUserId", Text.Get("Duty.NotMember"));
        }
        v.ThrowIfInvalid();
        StartsAt = start!.Value.ToUniversalTime();
        EndsAt = end!.Value.ToUniversalTime();
        APostUserId = aPost!.Value;
        BPostUserId = bPost;
        HeadUserId = head;
    }
}

public enum AlertStage
{
    /// <summary>No shift was planned: every duty officer of the receiving unit was alerted.</summary>
    AllOfficers,
    APost,
    BPost,
    Head,
}

/// <summary>
/// A report waiting for the receiving duty desk's acknowledgement (签收). Unacknowledged past its clock
/// (5 minutes by default), it escalates from the A post to the B post, then to the unit head.
/// </summary>
public sealed class DutyAlert : IUnitScoped
{
    private DutyAlert()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    /// <summary>The receiving unit, whose duty desk owes the acknowledgement.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid? ShiftId { get; private set; }
    public AlertStage Stage { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    /// <summary>When the next post is alerted if nobody has acknowledged; null when there is nobody further.</summary>
    public DateTimeOffset? EscalateAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedBy { get; private set; }

    /// <summary>Raises the alert for whoever the shift puts first: the A post, or every officer when there is no shift.</summary>
    public static DutyAlert Raise(Guid reportId, Guid unitId, string unitPath, DutyShift? shift, DateTimeOffset now, DeadlinePolicy receipt)
    {
        var alert = new DutyAlert
        {
            Id = Guid.NewGuid(),
            ReportId = reportId,
            UnitId = unitId,
            UnitPath = unitPath,
            ShiftId = shift?.Id,
            Stage = shift is null ? AlertStage.AllOfficers : AlertStage.APost,
            RaisedAt = now.ToUniversalTime(),
        };
        alert.EscalateAt = alert.Next(shift) is null ? null : alert.RaisedAt + receipt.Within;
        return alert;
    }

    /// <summary>The next post to alert and who holds it, or null when the chain is exhausted.</summary>
    public (AlertStage Stage, Guid UserId)? Next(DutyShift? shift)
    {
        if (shift is null)
        {
            return null;
        }
        if (Stage == AlertStage.APost && shift.BPostUserId is { } b)
        {
            return (AlertStage.BPost, b);
        }
        if (Stage is AlertStage.APost or AlertStage.BPost && shift.HeadUserId is { } h)
        {
            return (AlertStage.Head, h);
        }
        return null;
    }

    /// <summary>Moves to the next post when the clock has run out unacknowledged; returns who must now be alerted.</summary>
    public Guid? EscalateIfDue(DutyShift? shift, DateTimeOffset now, DeadlinePolicy receipt)
    {
        if (AcknowledgedAt is not null || EscalateAt is not { } due || now < due)
        {
            return null;
        }
        if (Next(shift) is not { } next)
        {
            // The shift was removed meanwhile: nobody further to alert.
            EscalateAt = null;
            return null;
        }
        Stage = next.Stage;
        EscalateAt = Next(shift) is null ? null : now.ToUniversalTime() + receipt.Within;
        return next.UserId;
    }

    /// <summary>The first acknowledgement counts; later ones change nothing.</summary>
    public bool Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }
        AcknowledgedAt = now.ToUniversalTime();
        AcknowledgedBy = userId;
        EscalateAt = null;
        return true;
    }
}
