using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

// A special protection period (特别防护期) and how many units it covers.
public sealed record ProtectionPeriodResponse(Guid Id, string Name, Guid UnitId, DateOnly StartDay, DateOnly EndDay, DateTimeOffset DeclaredAt, int Units)
{
    public static ProtectionPeriodResponse From(ProtectionPeriod p) => new(p.Id, p.Name, p.UnitId, p.StartDay, p.EndDay, p.DeclaredAt, p.Units.Count);
}
