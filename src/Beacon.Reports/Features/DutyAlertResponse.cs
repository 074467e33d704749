using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

// A report announced to a duty desk, and whether and by whom the desk acknowledged it (签收).
public sealed record DutyAlertResponse(Guid Id, Guid ReportId, Guid UnitId, string Stage, DateTimeOffset RaisedAt, DateTimeOffset? EscalateAt,
    DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy)
{
    public static DutyAlertResponse From(DutyAlert a) => new(a.Id, a.ReportId, a.UnitId, a.Stage.ToString(), a.RaisedAt, a.EscalateAt,
        a.AcknowledgedAt, a.AcknowledgedBy);
}
