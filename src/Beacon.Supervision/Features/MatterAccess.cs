using Beacon.Platform.Data;
using Beacon.Supervision.Domain;

namespace Beacon.Supervision.Features;

/// <summary>Who may read matters, in one place (through <see cref="ReadRules"/>).</summary>
public static class MatterAccess
{
    internal static void Declare() =>
        // The office's subtree sees what it assigned (the record's own subtree); the handling unit's subtree sees
        // what it handles; a named handler sees the matter wherever they sit.
        ReadRules.Declare<Matter>((_, r) => m => m.HandlingUnitPath.StartsWith(r.Path) || m.HandlerId == r.UserId);
}
