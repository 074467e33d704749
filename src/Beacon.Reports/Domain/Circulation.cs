using Beacon.Platform.Common;

namespace Beacon.Reports.Domain;

/// <summary>
/// An upper unit pushes a report down to a lower unit (通报). The lower unit sees the report through the
/// circulation, even when the event lies outside its own subtree, and acknowledges it.
/// </summary>
public sealed class Circulation : IUnitScoped
{
    private Circulation()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid FromUnitId { get; private set; }
    /// <summary>The receiving unit; the circulation is visible in its subtree.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? Note { get; private set; }
    public Guid SentBy { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedBy { get; private set; }

    /// <summary>One circulation per target; each must lie strictly below the sending unit.</summary>
    public static List<Circulation> Send(Guid reportId, Guid fromUnitId, string fromPath, IReadOnlyCollection<(Guid Id, string Path)> targets,
        string? note, Guid sentBy, DateTimeOffset now)
    {
        var v = new Validator()
            .Check(targets.Count > 0, "unitIds", Text.Get("Circulation.NoUnits"))
            .MaxLength("note", note, 2000, "Circulation.Note");
        if (targets.Any(t => t.Path == fromPath || !t.Path.StartsWith(fromPath, StringComparison.Ordinal)))
        {
            v.Add("unitIds", Text.Get("Circulation.NotBelow"));
        }
        v.ThrowIfInvalid();
        return targets.DistinctBy(t => t.Id).Select(t => new Circulation
        {
            Id = Guid.NewGuid(),
            ReportId = reportId,
            FromUnitId = fromUnitId,
            UnitId = t.Id,
            UnitPath = t.Path,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            SentBy = sentBy,
            SentAt = now.ToUniversalTime(),
        }).ToList();
    }

    /// <summary>By a member of the receiving unit; the first acknowledgement counts.</summary>
    public bool Acknowledge(Guid userId, Guid userUnitId, DateTimeOffset now)
    {
        if (userUnitId != UnitId)
        {
            throw new ForbiddenException(Text.Get("Circulation.NotRecipient"));
        }
        if (AcknowledgedAt is not null)
        {
            return false;
        }
        AcknowledgedAt = now.ToUniversalTime();
        AcknowledgedBy = userId;
        return true;
    }
}
