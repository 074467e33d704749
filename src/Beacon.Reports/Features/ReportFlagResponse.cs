using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

// A flag raised on a report, as raising and listing answer it.
public sealed record ReportFlagResponse(Guid Id, Guid ReportId, string Kind, string Reason, Guid FlaggedBy, DateTimeOffset FlaggedAt)
{
    public static ReportFlagResponse From(ReportFlag f) => new(f.Id, f.ReportId, f.Kind.ToString().ToLowerInvariant(), f.Reason, f.FlaggedBy, f.FlaggedAt);
}
