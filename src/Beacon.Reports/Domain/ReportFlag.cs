using Beacon.Platform.Common;

namespace Beacon.Reports.Domain;

/// <summary>What a reviewer found wrong with a report; these feed accountability.</summary>
public enum FlagKind
{
    /// <summary>压报: held back instead of reported.</summary>
    Suppressed,
    /// <summary>误报: reported wrongly.</summary>
    Wrong,
    /// <summary>瞒报: facts concealed.</summary>
    Concealed,
    /// <summary>谎报: facts falsified.</summary>
    False,
}

/// <summary>A reviewer's flag on a report, with the reason. Flags are never removed; a mistaken one is answered by a new record.</summary>
public sealed class ReportFlag : IUnitScoped
{
    private ReportFlag()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    /// <summary>The flagged report's unit: the flag is scoped and counted with it.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public FlagKind Kind { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid FlaggedBy { get; private set; }
    public DateTimeOffset FlaggedAt { get; private set; }

    public static ReportFlag Raise(Report report, string? kind, string? reason, Guid reviewerId, DateTimeOffset now)
    {
        var v = new Validator()
            .Require("reason", reason, "Report.FlagReason")
            .MaxLength("reason", reason, 2000, "Report.FlagReason");
        // Exact names only: Enum.TryParse would also take numbers and "wrong,concealed" (which sums to another kind).
        var name = Enum.GetNames<FlagKind>().FirstOrDefault(n => n.Equals(kind?.Trim(), StringComparison.OrdinalIgnoreCase));
        var parsed = name is null ? default : Enum.Parse<FlagKind>(name);
        if (name is null)
        {
            v.Add("kind", Text.Get("Report.FlagKind"));
        }
        v.ThrowIfInvalid();
        return new ReportFlag
        {
            Id = Guid.NewGuid(),
            ReportId = report.Id,
            UnitId = report.UnitId,
            UnitPath = report.UnitPath,
            Kind = parsed,
            Reason = reason!.Trim(),
            FlaggedBy = reviewerId,
            FlaggedAt = now.ToUniversalTime(),
        };
    }
}
