using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Supervision.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Features;

/// <summary>Who may read matters, in one place (through <see cref="ReadRules"/>), and who acts on them.</summary>
public static class MatterAccess
{
    internal static void Declare() =>
        // The office's subtree sees what it assigned (the record's own subtree); the handling unit's subtree sees
        // what it handles; a named handler sees the matter wherever they sit.
        ReadRules.Declare<Matter>((_, r) => m => m.HandlingUnitPath.StartsWith(r.Path) || m.HandlerId == r.UserId);

    /// <summary>A matter the caller may read; anything else is not found.</summary>
    internal static async Task<Matter> Load(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.MattersRead);
        return await db.Readable<Matter>().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Entity.Matter", id);
    }

    /// <summary>The office's side: a leader or supervisor of the assigning office's subtree.</summary>
    internal static async Task<Matter> ForOffice(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var m = await Load(id, db, ct);
        db.Actor.Require(Permissions.MattersAssign);
        // Above the handling unit: a unit does not review its own work.
        if (!db.Actor.Sees(m.UnitPath) || db.Actor.UnitPath.StartsWith(m.HandlingUnitPath, StringComparison.Ordinal))
        {
            throw new ForbiddenException(Text.Get("Matter.OfficeOnly"));
        }
        return m;
    }

    /// <summary>The handling side: someone of the handling unit's subtree who handles matters.</summary>
    internal static async Task<Matter> ForHandler(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var m = await Load(id, db, ct);
        db.Actor.Require(Permissions.MattersHandle);
        // Inside the handling unit (or its named handler): the office above does not write the unit's plan and report.
        if (!db.Actor.UnitPath.StartsWith(m.HandlingUnitPath, StringComparison.Ordinal) && m.HandlerId != db.Actor.UserId)
        {
            throw new ForbiddenException(Text.Get("Matter.HandlerOnly"));
        }
        return m;
    }
}
