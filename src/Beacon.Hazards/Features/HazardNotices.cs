using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;

namespace Beacon.Hazards.Features;

/// <summary>Who hears of a hazard's rectification: the responsible unit, or the office that assigned it.</summary>
internal static class HazardNotices
{
    /// <summary>Leaders and handlers of the responsible unit.</summary>
    internal static async Task TellRectifier(Hazard h, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        if (h.ResponsibleUnitId is not { } unit)
        {
            return;
        }
        foreach (var (user, _) in await People.WithRoles(db, [unit], [Roles.Leader, Roles.Handler], ct))
        {
            outbox.ToUser(db, topic, user, h.ResponsibleUnitPath ?? h.UnitPath, subject, body, "hazard", h.Id.ToString());
        }
    }

    /// <summary>Whoever assigned the rectification hears the unit's requests.</summary>
    internal static void TellOffice(Hazard h, string topic, string subject, string body, BeaconDbContext db, Outbox outbox)
    {
        if (h.AssignedBy is { } office && office != Guid.Empty)
        {
            outbox.ToUser(db, topic, office, h.UnitPath, subject, body, "hazard", h.Id.ToString());
        }
    }
}
