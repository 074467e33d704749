using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

/// <summary>
/// Who may read and act on hazards and screening plans, in one place. Reading: the scope rules declared here
/// (through <see cref="ReadRules"/>). Acting: <see cref="ForOffice"/> and <see cref="ForRectifier"/>, which every
/// hazard use case loads through, and <see cref="PlanForOffice"/> for a plan's series; the entity's own methods then
/// enforce the state rules.
/// </summary>
public static class HazardAccess
{
    internal static void Declare()
    {
        // Where it was found (the record's own subtree), and the responsible unit's subtree.
        ReadRules.Declare<Hazard>((_, r) => h => h.ResponsibleUnitPath != null && h.ResponsibleUnitPath.StartsWith(r.Path));
        // Plans of the caller's subtree, and those whose scope holds the caller's unit or a unit above it.
        ReadRules.Declare<ScreeningPlan>((db, r) =>
        {
            var inScope = db.Set<ScreeningScope>().Where(s => r.Chain.Contains(s.UnitId)).Select(s => s.PlanId);
            return p => inScope.Contains(p.Id);
        });
    }

    internal static async Task<Hazard> Load(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        return await db.Readable<Hazard>().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("Entity.Hazard", id);
    }

    /// <summary>
    /// The office's decisions: someone who manages hazards, sees where the hazard was found, and stands above the
    /// responsible unit; a unit does not approve its own rectification.
    /// </summary>
    internal static async Task<Hazard> ForOffice(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var h = await Load(id, db, ct);
        db.Actor.Require(Permissions.HazardsManage);
        if (!db.Actor.Sees(h.UnitPath) || h.ResponsibleUnitPath is { } p && db.Actor.UnitPath.StartsWith(p, StringComparison.Ordinal))
        {
            throw new ForbiddenException(Text.Get("Hazard.OfficeOnly"));
        }
        return h;
    }

    /// <summary>The rectifying side: people of the responsible unit (or below it); before one is named, of the unit where it was found.</summary>
    internal static async Task<Hazard> ForRectifier(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var h = await Load(id, db, ct);
        db.Actor.Require(Permissions.HazardsRecord);
        var mine = h.ResponsibleUnitPath is { } p ? db.Actor.UnitPath.StartsWith(p, StringComparison.Ordinal) : db.Actor.Sees(h.UnitPath);
        if (!mine)
        {
            throw new ForbiddenException(Text.Get("Hazard.RectifierOnly"));
        }
        return h;
    }

    /// <summary>The office that made a plan (or one above it) acts on its series; a unit only in scope does not.</summary>
    internal static async Task<ScreeningPlan> PlanForOffice(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        var plan = await db.Readable<ScreeningPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        if (!db.Actor.Sees(plan.UnitPath))
        {
            throw new ForbiddenException(Text.Get("Hazard.OfficeOnly"));
        }
        return plan;
    }
}
