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

/// <summary>A unit files a first report (首报): checked element by element, timed against its clock, announced to the duty desk.</summary>
public static class FileReport
{
    public sealed record Request(Guid? UnitId, string? EventTypeCode, DateTimeOffset? OccurredAt, DateTimeOffset? LearnedAt, string? Place,
        double? Latitude, double? Longitude, int? PeopleAffected, int? Deaths, int? Injuries, int? Missing, double? AreaKm2, string? Cause,
        string? UnitsInvolved, string? MeasuresTaken, string? MeasuresPlanned, string? ContactName, string? ContactPhone);

    public static async Task<Report> Handle(Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(ReportsModule.FileReports);
        var me = db.Actor.RequireUserId();
        // The reporter's own unit unless another one of their subtree is named; outside it, the unit does not exist.
        var unitId = r.UnitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct)
            ?? throw new NotFoundException("Entity.Unit", unitId);
        var types = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        var now = db.Time.GetUtcNow();
        var policy = DeadlinePolicy.For(DeadlinePolicy.Defaults, ReportKind.First, null)!;
        var assessment = DeadlinePolicy.For(DeadlinePolicy.Defaults, ReportKind.Assessment, null);
        var report = Report.FileFirst(new FirstReportDraft(r.EventTypeCode, r.OccurredAt, r.LearnedAt, r.Place, r.Latitude, r.Longitude,
                r.PeopleAffected, r.Deaths, r.Injuries, r.Missing, r.AreaKm2, r.Cause, r.UnitsInvolved, r.MeasuresTaken, r.MeasuresPlanned,
                r.ContactName, r.ContactPhone),
            unit.Id, unit.Path, me, now, types.Contains, policy, assessment);
        db.Set<Report>().Add(report);

        var type = await db.Set<EventType>().Where(t => t.Code == report.EventTypeCode).Select(t => new { t.NameZh, t.NameEn }).FirstAsync(ct);
        var typeName = outbox.IsChinese ? type.NameZh : type.NameEn;
        var subject = outbox.Text("Report.Received.Subject", typeName, report.Place);
        var body = outbox.Text("Report.Received.Body", unit.NameZh, typeName, report.Place, report.PeopleAffected, report.Deaths,
            report.Injuries, report.Missing, report.ContactName, report.ContactPhone);
        foreach (var officer in await DutyOfficersFor(db, unit.Path, ct))
        {
            outbox.ToUser(db, "report.received", officer.Id, officer.UnitPath, subject, body, "report", report.Id.ToString());
        }
        outbox.ToWebhooks(db, "report.received", unit.Path, subject, body, "report", report.Id.ToString());
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Who receives a unit's report: the duty officers of the nearest unit, itself or above, that has any.
    /// (The duty roster will narrow this to the A post on shift.)
    /// </summary>
    internal static async Task<List<(Guid Id, string UnitPath)>> DutyOfficersFor(BeaconDbContext db, string unitPath, CancellationToken ct)
    {
        var chain = unitPath.Trim('/').Split('/').Select(s => Guid.ParseExact(s, "N")).ToList();
        var officers = await (from u in db.Users.IgnoreQueryFilters()
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join role in db.Roles on ur.RoleId equals role.Id
                              where role.Name == Roles.DutyOfficer && chain.Contains(u.UnitId) && !u.IsDisabled
                              select new { u.Id, u.UnitId, u.Unit!.Path }).ToListAsync(ct);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var here = officers.Where(o => o.UnitId == chain[i]).Select(o => (o.Id, o.Path)).ToList();
            if (here.Count > 0)
            {
                return here;
            }
        }
        return [];
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", async Task<Created<ReportResponse>> (Request request, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var report = await Handle(request, db, outbox, ct);
                return TypedResults.Created($"/api/reports/{report.Id}", ReportResponse.From(report));
            })
            .WithName("FileReport")
            .WithSummary("Files a first report (首报); each missing or wrong element is named, and nothing is saved then.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
