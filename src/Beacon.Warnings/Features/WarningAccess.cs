using Beacon.Platform.Data;
using Beacon.Warnings.Domain;

namespace Beacon.Warnings.Features;

/// <summary>Who may read warnings, in one place (through <see cref="ReadRules"/>).</summary>
public static class WarningAccess
{
    internal static void Declare() =>
        // The warnings of the reader's own office and the units below (the record's own subtree), and those of the
        // offices above them once issued to them; a draft stays with its office until it is decided.
        ReadRules.Declare<Warning>((db, r) =>
        {
            var delivered = db.Set<WarningDelivery>().Select(d => d.WarningId);
            return w => w.IssuedAt != null && r.Path.StartsWith(w.UnitPath) && delivered.Contains(w.Id);
        });
}
