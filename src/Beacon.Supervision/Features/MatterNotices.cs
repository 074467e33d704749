using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Supervision.Domain;

namespace Beacon.Supervision.Features;

/// <summary>Who is told about a matter: its handling side or its office.</summary>
internal static class MatterNotices
{
    /// <summary>The responsible leader, the named handler, and the leaders and handlers of the handling unit.</summary>
    internal static async Task TellHandlingSide(Matter m, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        var people = (await People.WithRoles(db, [m.HandlingUnitId], [Roles.Leader, Roles.Handler], ct)).Select(p => p.Id);
        foreach (var user in people.Append(m.ResponsibleLeaderId).Concat(m.HandlerId is { } h ? [h] : []).Distinct())
        {
            outbox.ToUser(db, topic, user, m.HandlingUnitPath, subject, body, "matter", m.Id.ToString());
        }
    }

    /// <summary>The one who assigned it and the supervisors of the office.</summary>
    internal static async Task TellOffice(Matter m, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        var supervisors = (await People.WithRoles(db, [m.UnitId], [Roles.Supervisor], ct)).Select(p => p.Id);
        foreach (var user in supervisors.Append(m.AssignedBy).Distinct())
        {
            outbox.ToUser(db, topic, user, m.UnitPath, subject, body, "matter", m.Id.ToString());
        }
    }
}
