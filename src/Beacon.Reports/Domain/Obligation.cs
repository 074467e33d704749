using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;

namespace Beacon.Reports.Domain;

public enum ObligationState
{
    Open,
    Met,
    Missed,
    Cancelled,
}

/// <summary>
/// A report a unit owes by a time: the next follow-up (续报) of an open level I/II event, or a day's report
/// in a special protection period. The sweep marks one that passes its due time unfiled as missed (漏报);
/// a report filed after that still meets it, late, and the miss stays on record.
/// </summary>
public sealed class ReportObligation : IUnitScoped
{
    private ReportObligation()
    {
    }

    public Guid Id { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    /// <summary>The event (its first report) a follow-up is owed for.</summary>
    public Guid? EventId { get; private set; }
    /// <summary>The protection period and its local day a daily report is owed for.</summary>
    public Guid? PeriodId { get; private set; }
    public DateOnly? Day { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? MetAt { get; private set; }
    public Guid? MetByReportId { get; private set; }
    public DateTimeOffset? MissedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>When the unit was reminded that the report falls due soon.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>
    /// How long before the due time the unit is reminded: 5 minutes before a follow-up, 15 before a
    /// hand-over upward, 3 hours before the end of a protection-period day.
    /// </summary>
    public static TimeSpan? ReminderLead(DeadlineKind kind) => kind switch
    {
        DeadlineKind.FollowUp => TimeSpan.FromMinutes(5),
        DeadlineKind.Upward => TimeSpan.FromMinutes(15),
        DeadlineKind.Daily => TimeSpan.FromHours(3),
        _ => null,
    };

    /// <summary>Marks the reminder sent when the due time is within the lead and nothing is filed yet; once only.</summary>
    public bool RemindIfDue(DateTimeOffset now)
    {
        if (!IsOwed || MissedAt is not null || RemindedAt is not null || ReminderLead(Kind) is not { } lead || now > DueAt || now < DueAt - lead)
        {
            return false;
        }
        RemindedAt = now.ToUniversalTime();
        return true;
    }

    public ObligationState State => CancelledAt is not null ? ObligationState.Cancelled
        : MetAt is not null ? ObligationState.Met
        : MissedAt is not null ? ObligationState.Missed
        : ObligationState.Open;

    /// <summary>On time or late once met; null while still owed.</summary>
    public Timeliness? Timeliness => MetAt is { } met ? (met <= DueAt ? Platform.Deadlines.Domain.Timeliness.OnTime : Platform.Deadlines.Domain.Timeliness.Late) : null;

    public static ReportObligation FollowUp(Guid eventId, Guid unitId, string unitPath, DateTimeOffset from, DeadlinePolicy policy) =>
        new()
        {
            Id = Guid.NewGuid(),
            Kind = DeadlineKind.FollowUp,
            UnitId = unitId,
            UnitPath = unitPath,
            EventId = eventId,
            StartedAt = from.ToUniversalTime(),
            DueAt = from.ToUniversalTime() + policy.Within,
        };

    /// <summary>The hand-over upward (上报) a unit owes for an assessed event, by the level's clock.</summary>
    public static ReportObligation Upward(Guid eventId, Guid unitId, string unitPath, DateTimeOffset from, DeadlinePolicy policy) =>
        new()
        {
            Id = Guid.NewGuid(),
            Kind = DeadlineKind.Upward,
            UnitId = unitId,
            UnitPath = unitPath,
            EventId = eventId,
            StartedAt = from.ToUniversalTime(),
            DueAt = from.ToUniversalTime() + policy.Within,
        };

    public static ReportObligation Daily(Guid periodId, DateOnly day, Guid unitId, string unitPath, DateTimeOffset dayStart, DeadlinePolicy policy) =>
        new()
        {
            Id = Guid.NewGuid(),
            Kind = DeadlineKind.Daily,
            UnitId = unitId,
            UnitPath = unitPath,
            PeriodId = periodId,
            Day = day,
            StartedAt = dayStart.ToUniversalTime(),
            DueAt = dayStart.ToUniversalTime() + policy.Within,
        };

    /// <summary>Whether the report filed now still has this obligation to meet (open, or missed and not yet made up).</summary>
    public bool IsOwed => MetAt is null && CancelledAt is null;

    public void Meet(Guid reportId, DateTimeOffset at)
    {
        if (!IsOwed)
        {
            return;
        }
        MetAt = at.ToUniversalTime();
        MetByReportId = reportId;
    }

    /// <summary>Records the missing report when the due time has passed with nothing filed; false when not due or not owed.</summary>
    public bool MissIfDue(DateTimeOffset now)
    {
        if (!IsOwed || MissedAt is not null || now <= DueAt)
        {
            return false;
        }
        MissedAt = now.ToUniversalTime();
        return true;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (IsOwed && MissedAt is null)
        {
            CancelledAt = now.ToUniversalTime();
        }
    }
}
