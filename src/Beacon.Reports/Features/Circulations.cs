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
public static class Circulations
{
    public sealed record SendRequest(List<Guid>? UnitIds, string? Note);

    /// <summary>What the receiving unit sees: the circulation and the report's essentials, even when the event is outside its subtree.</summary>
    public sealed record CirculationResponse(Guid Id, Guid ReportId, Guid FromUnitId, string FromUnitName, Guid UnitId, string UnitName, string? Note,
        DateTimeOffset SentAt, DateTimeOffset? AcknowledgedAt, string EventTypeCode, string Place, DateTimeOffset OccurredAt, string? Level,
        string? AssessmentSummary, int PeopleAffected, int Deaths, int Injuries, int Missing);

    public static async Task<List<CirculationResponse>> Send(Guid reportId, SendRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
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
        return await Describe(db, list, ct);
    }

    public static async Task<List<CirculationResponse>> Inbox(BeaconDbContext db, bool? open, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var q = db.Set<Circulation>().AsNoTracking();
        if (open == true)
        {
            q = q.Where(c => c.AcknowledgedAt == null);
        }
        return await Describe(db, await q.OrderByDescending(c => c.SentAt).Take(500).ToListAsync(ct), ct);
    }

    public static async Task<CirculationResponse> Acknowledge(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var c = await db.Set<Circulation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Circulation", id);
        if (c.Acknowledge(db.Actor.RequireUserId(), db.Actor.UnitId!.Value, db.Time.GetUtcNow()))
        {
            await db.SaveChangesAsync(ct);
        }
        return (await Describe(db, [c], ct))[0];
    }

    private static async Task<List<CirculationResponse>> Describe(BeaconDbContext db, List<Circulation> list, CancellationToken ct)
    {
        var reportIds = list.Select(c => c.ReportId).ToHashSet();
        // Reached through a circulation in scope: the report itself may lie in another subtree.
        var reports = await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(x => reportIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var unitIds = list.SelectMany(c => new[] { c.UnitId, c.FromUnitId }).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return list.Select(c =>
        {
            var x = reports[c.ReportId];
            return new CirculationResponse(c.Id, c.ReportId, c.FromUnitId, names.GetValueOrDefault(c.FromUnitId, ""), c.UnitId,
                names.GetValueOrDefault(c.UnitId, ""), c.Note, c.SentAt, c.AcknowledgedAt, x.EventTypeCode, x.Place, x.OccurredAt,
                x.Level?.ToString(), x.AssessmentSummary, x.PeopleAffected, x.Deaths, x.Injuries, x.Missing);
        }).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reports/{id:guid}/circulate", async Task<Created<List<CirculationResponse>>> (Guid id, SendRequest r, BeaconDbContext db,
                Outbox outbox, CancellationToken ct) => TypedResults.Created("/api/circulations", await Send(id, r, db, outbox, ct)))
            .WithName("CirculateReport").WithTags("Reports")
            .WithSummary("Circulates a report (通报) to units below the caller's unit; their duty officers and leaders are notified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/circulations", async Task<Ok<List<CirculationResponse>>> (bool? open, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Inbox(db, open, ct)))
            .WithName("ListCirculations").WithTags("Reports")
            .WithSummary("Circulations received by the caller's subtree, newest first (?open=true: not yet acknowledged).");
        api.MapPost("/circulations/{id:guid}/acknowledgement", async Task<Ok<CirculationResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Acknowledge(id, db, ct)))
            .WithName("AcknowledgeCirculation").WithTags("Reports")
            .WithSummary("A member of the receiving unit acknowledges the circulation; the first acknowledgement counts.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
