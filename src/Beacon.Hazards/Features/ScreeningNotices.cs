using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;

namespace Beacon.Hazards.Features;

internal static class ScreeningNotices
{
    /// <summary>The owners, and the leaders and duty officers of the units in scope, hear of a plan.</summary>
    internal static async Task TellScope(ScreeningPlan plan, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        var people = await People.WithRoles(db, plan.ScopeUnitIds.ToList(), [Roles.Leader, Roles.DutyOfficer, Roles.Handler], ct);
        var subject = outbox.Text("Hazard.PlanCreated.Subject", plan.Title);
        var body = outbox.Text("Hazard.PlanCreated.Body", plan.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            plan.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), string.Join("、", plan.Domains));
        foreach (var (id, path) in people)
        {
            outbox.ToUser(db, "screening.planned", id, path, subject, body, "screening-plan", plan.Id.ToString());
        }
        foreach (var owner in plan.OwnerIds.Where(o => people.All(p => p.Id != o)))
        {
            outbox.ToUser(db, "screening.planned", owner, plan.UnitPath, subject, body, "screening-plan", plan.Id.ToString());
        }
    }
}
