using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
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
        var policies = await Policies.ForAsync(db, unit.Path, ct);
        var report = Report.FileFirst(new FirstReportDraft(r.EventTypeCode, r.OccurredAt, r.LearnedAt, r.Place, r.Latitude, r.Longitude,
                r.PeopleAffected, r.Deaths, r.Injuries, r.Missing, r.AreaKm2, r.Cause, r.UnitsInvolved, r.MeasuresTaken, r.MeasuresPlanned,
                r.ContactName, r.ContactPhone),
            unit.Id, unit.Path, me, now, types.Contains, policies.Rule(DeadlineKind.First), policies.Rule(DeadlineKind.Assessment));
        db.Set<Report>().Add(report);

        var type = await db.Set<EventType>().Where(t => t.Code == report.EventTypeCode).Select(t => new { t.NameZh, t.NameEn }).FirstAsync(ct);
        var typeName = outbox.IsChinese ? type.NameZh : type.NameEn;
        var subject = outbox.Text("Report.Received.Subject", typeName, report.Place);
        var body = outbox.Text("Report.Received.Body", unit.NameZh, typeName, report.Place, report.PeopleAffected, report.Deaths,
            report.Injuries, report.Missing, report.ContactName, report.ContactPhone);
        // The receiving duty desk owes an acknowledgement (签收); the A post on shift hears first.
        if (await DutyDesks.For(db, unit.Path, now, ct) is { } desk)
        {
            db.Set<DutyAlert>().Add(DutyAlert.Raise(report.Id, desk.UnitId, desk.UnitPath, desk.Shift, now,
                (await Policies.ForAsync(db, desk.UnitPath, ct)).Rule(DeadlineKind.Receipt)));
            foreach (var officer in desk.Recipients)
            {
                outbox.ToUser(db, "report.received", officer, desk.UnitPath, subject, body, "report", report.Id.ToString());
            }
        }
        outbox.ToWebhooks(db, "report.received", unit.Path, subject, body, "report", report.Id.ToString());
        await db.SaveChangesAsync(ct);
        return report;
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
