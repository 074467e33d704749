using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Circulation (通报): an upper unit pushes a report down to chosen lower units, which see and acknowledge it.</summary>
public static class CirculateReport
{
    public sealed record Request(List<Guid>? UnitIds, string? Note);

    public static async Task<List<CirculationResponse>> Handle(Guid reportId, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsCirculate);
        var report = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("Entity.Report", reportId);
        var ids = (r.UnitIds ?? []).Distinct().ToList();
        var targets = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        if (targets.Count != ids.Count)
        {
            throw new NotFoundException("Entity.Unit", ids.First(id => targets.All(t => t.Id != id)));
        }
        var list = Circulation.Send(report.Id, db.Actor.UnitId!.Value, db.Actor.UnitPath, targets.Select(t => (t.Id, t.Path)).ToList(), r.Note,
            db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<Circulation>().AddRange(list);
        var subject = outbox.Text("Circulation.Subject", report.Place);
        var body = outbox.Text("Circulation.Body", report.Place, r.Note ?? "");
        var recipients = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join role in db.Roles on ur.RoleId equals role.Id
                                where ids.Contains(u.UnitId) && !u.IsDisabled && (role.Name == Roles.DutyOfficer || role.Name == Roles.Leader)
                                select new { u.Id, u.UnitId, u.Unit!.Path }).Distinct().ToListAsync(ct);
        foreach (var c in list)
        {
            foreach (var u in recipients.Where(x => x.UnitId == c.UnitId))
            {
                outbox.ToUser(db, "report.circulated", u.Id, u.Path, subject, body, "circulation", c.Id.ToString());
            }
        }
        await db.SaveChangesAsync(ct);
        return await CirculationResponse.Describe(db, list, ct);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reports/{id:guid}/circulate", async Task<Created<List<CirculationResponse>>> (Guid id, Request r, BeaconDbContext db,
                Outbox outbox, CancellationToken ct) => TypedResults.Created("/api/circulations", await Handle(id, r, db, outbox, ct)))
            .WithName("CirculateReport").WithTags("Reports")
            .WithSummary("Circulates a report (通报) to units below the caller's unit; their duty officers and leaders are notified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
