using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A unit files its daily report (日报) for a day of a special protection period; one per unit and day.</summary>
public static class FileDailyReport
{
    public sealed record Request(Guid? UnitId, DateOnly? Day, string? Summary, int? Incidents);

    public sealed record DailyResponse(Guid Id, Guid PeriodId, Guid UnitId, DateOnly Day, DateTimeOffset FiledAt, string Summary, int Incidents,
        DateTimeOffset? DueAt, string? Timeliness);

    public static async Task<DailyResponse> Handle(Guid id, Request r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsFile);
        var unitId = r.UnitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var period = await ProtectionPeriodAccess.Visible(db, id, ct);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        // The sweep must not record as missing what this is about to file.
        await db.LockAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var day = r.Day ?? ProtectionPeriod.LocalDay(now, local.Zone);
        if (await db.Set<DailyReport>().AnyAsync(x => x.PeriodId == id && x.UnitId == unit.Id && x.Day == day, ct))
        {
            throw new ConflictException(Text.Get("Daily.Duplicate", day), "day");
        }
        var due = await db.Set<ReportObligation>().FirstOrDefaultAsync(o => o.PeriodId == id && o.UnitId == unit.Id && o.Day == day, ct);
        var report = DailyReport.File(period, unit.Id, unit.Path, day, r.Summary, r.Incidents, db.Actor.RequireUserId(), now, local.Zone, due);
        db.Set<DailyReport>().Add(report);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DailyResponse(report.Id, report.PeriodId, report.UnitId, report.Day, report.FiledAt, report.Summary, report.Incidents,
            report.DueAt, ReportResponse.Name(report.Timeliness));
    }

    internal static void Map(RouteGroupBuilder periods)
    {
        periods.MapPost("/{id:guid}/daily-reports", async Task<Created<DailyResponse>> (Guid id, Request r, BeaconDbContext db, LocalTime local,
                CancellationToken ct) =>
            {
                var d = await Handle(id, r, db, local, ct);
                return TypedResults.Created($"/api/protection-periods/{id}?day={d.Day:yyyy-MM-dd}", d);
            })
            .WithName("FileDailyReport")
            .WithSummary("Files a unit's daily report (日报) for today or an earlier day of the period; one per unit and day.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
