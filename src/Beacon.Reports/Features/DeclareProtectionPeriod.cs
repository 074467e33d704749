using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>An office declares a special protection period (特别防护期): each covered unit owes a daily report (日报) per day.</summary>
public static class DeclareProtectionPeriod
{
    public sealed record Request(string? Name, Guid? UnitId, DateOnly? StartDay, DateOnly? EndDay, List<Guid>? UnitIds);

    public static async Task<ProtectionPeriodResponse> Handle(Request r, BeaconDbContext db, LocalTime local, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsPeriods);
        var officeId = r.UnitId ?? db.Actor.UnitId!.Value;
        var office = await db.Units.FirstOrDefaultAsync(u => u.Id == officeId, ct) ?? throw new NotFoundException("Entity.Unit", officeId);
        var ids = (r.UnitIds ?? []).Distinct().ToList();
        // Units outside the caller's scope are not found, like every other record out of scope.
        var units = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        if (units.Count != ids.Count)
        {
            throw new NotFoundException("Entity.Unit", ids.First(id => units.All(u => u.Id != id)));
        }
        var now = db.Time.GetUtcNow();
        var policies = await Policies.ForAsync(db, office.Path, ct);
        var (period, dues) = ProtectionPeriod.Declare(r.Name, office.Id, office.Path, r.StartDay, r.EndDay,
            units.Select(u => (u.Id, u.Path)).ToList(), db.Actor.RequireUserId(), now, local.Zone, policies.Rule(DeadlineKind.Daily));
        db.Set<ProtectionPeriod>().Add(period);
        db.Set<ReportObligation>().AddRange(dues);
        var subject = outbox.Text("Period.Declared.Subject", period.Name);
        var body = outbox.Text("Period.Declared.Body", period.Name, period.StartDay, period.EndDay);
        var reporters = await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join role in db.Roles on ur.RoleId equals role.Id
                               where (role.Name == Roles.Reporter || role.Name == Roles.DutyOfficer) && ids.Contains(u.UnitId) && !u.IsDisabled
                               select new { u.Id, u.Unit!.Path }).Distinct().ToListAsync(ct);
        foreach (var u in reporters)
        {
            outbox.ToUser(db, "period.declared", u.Id, u.Path, subject, body, "protection-period", period.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        return ProtectionPeriodResponse.From(period);
    }

    internal static void Map(RouteGroupBuilder periods)
    {
        periods.MapPost("/", async Task<Created<ProtectionPeriodResponse>> (Request r, BeaconDbContext db, LocalTime local, Outbox outbox, CancellationToken ct) =>
            {
                var p = await Handle(r, db, local, outbox, ct);
                return TypedResults.Created($"/api/protection-periods/{p.Id}", p);
            })
            .WithName("DeclareProtectionPeriod")
            .WithSummary("Declares a special protection period (特别防护期) for units of the office's subtree; each owes a daily report per day.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
