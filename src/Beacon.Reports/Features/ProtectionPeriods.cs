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

/// <summary>Special protection periods (特别防护期) and the daily reports (日报) they make due.</summary>
public static class ProtectionPeriods
{
    public sealed record DeclareRequest(string? Name, Guid? UnitId, DateOnly? StartDay, DateOnly? EndDay, List<Guid>? UnitIds);

    public sealed record PeriodResponse(Guid Id, string Name, Guid UnitId, DateOnly StartDay, DateOnly EndDay, DateTimeOffset DeclaredAt, int Units);

    public sealed record UnitDay(Guid UnitId, string UnitName, string State, DateTimeOffset DueAt, DateTimeOffset? FiledAt, string? Timeliness,
        string? Summary, DateTimeOffset? MissedAt);

    public sealed record CoverageResponse(PeriodResponse Period, DateOnly Day, int Filed, int Total, IReadOnlyList<UnitDay> Units);

    public sealed record DailyRequest(Guid? UnitId, DateOnly? Day, string? Summary, int? Incidents);

    public sealed record DailyResponse(Guid Id, Guid PeriodId, Guid UnitId, DateOnly Day, DateTimeOffset FiledAt, string Summary, int Incidents,
        DateTimeOffset? DueAt, string? Timeliness);

    private static PeriodResponse From(ProtectionPeriod p) => new(p.Id, p.Name, p.UnitId, p.StartDay, p.EndDay, p.DeclaredAt, p.Units.Count);

    public static async Task<PeriodResponse> Declare(DeclareRequest r, BeaconDbContext db, LocalTime local, Outbox outbox, CancellationToken ct)
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
        return From(period);
    }

    public static async Task<List<PeriodResponse>> List(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        // Periods the caller's office declared, and those that cover a unit of the caller's subtree.
        var declared = db.Set<ProtectionPeriod>().Select(p => p.Id);
        var covering = db.Set<ProtectionPeriodUnit>().Select(u => u.PeriodId);
        var list = await db.Set<ProtectionPeriod>().IgnoreQueryFilters().AsNoTracking().Include(p => p.Units)
            .Where(p => declared.Contains(p.Id) || covering.Contains(p.Id))
            .OrderByDescending(p => p.StartDay).Take(200).ToListAsync(ct);
        return list.Select(From).ToList();
    }

    /// <summary>For one day: every unit in scope that owes a daily report, filed or not.</summary>
    public static async Task<CoverageResponse> Coverage(Guid id, DateOnly? day, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var period = await Visible(db, id, ct);
        var d = day ?? ProtectionPeriod.LocalDay(db.Time.GetUtcNow(), local.Zone);
        var dues = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.PeriodId == id && o.Day == d).ToListAsync(ct);
        var reports = await db.Set<DailyReport>().AsNoTracking().Where(x => x.PeriodId == id && x.Day == d).ToListAsync(ct);
        var unitIds = dues.Select(o => o.UnitId).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var rows = dues.Select(o =>
        {
            var filed = reports.FirstOrDefault(x => x.UnitId == o.UnitId);
            return new UnitDay(o.UnitId, names.GetValueOrDefault(o.UnitId, ""), o.State.ToString().ToLowerInvariant(), o.DueAt, filed?.FiledAt,
                ReportResponse.Name(filed?.Timeliness), filed?.Summary, o.MissedAt);
        }).OrderBy(u => u.FiledAt is not null).ThenBy(u => u.UnitName, StringComparer.Ordinal).ToList();
        return new CoverageResponse(From(period), d, rows.Count(u => u.FiledAt is not null), rows.Count, rows);
    }

    public static async Task<DailyResponse> FileDaily(Guid id, DailyRequest r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsFile);
        var unitId = r.UnitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var period = await Visible(db, id, ct);
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

    /// <summary>A period is visible to its declaring office's subtree and to the units it covers.</summary>
    private static async Task<ProtectionPeriod> Visible(BeaconDbContext db, Guid id, CancellationToken ct)
    {
        var period = await db.Set<ProtectionPeriod>().IgnoreQueryFilters().Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null || !(db.Actor.Sees(period.UnitPath) || period.Units.Any(u => db.Actor.Sees(u.UnitPath))))
        {
            throw new NotFoundException("Entity.Period", id);
        }
        return period;
    }

    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/protection-periods").WithTags("Reports");
        g.MapPost("/", async Task<Created<PeriodResponse>> (DeclareRequest r, BeaconDbContext db, LocalTime local, Outbox outbox, CancellationToken ct) =>
            {
                var p = await Declare(r, db, local, outbox, ct);
                return TypedResults.Created($"/api/protection-periods/{p.Id}", p);
            })
            .WithName("DeclareProtectionPeriod")
            .WithSummary("Declares a special protection period (特别防护期) for units of the office's subtree; each owes a daily report per day.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/", async Task<Ok<List<PeriodResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await List(db, ct)))
            .WithName("ListProtectionPeriods").WithSummary("Periods declared in the caller's subtree or covering it.");
        g.MapGet("/{id:guid}", async Task<Ok<CoverageResponse>> (Guid id, DateOnly? day, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
                TypedResults.Ok(await Coverage(id, day, db, local, ct)))
            .WithName("GetProtectionPeriod")
            .WithSummary("A period with one day's daily reports (today by default): filed, and the units that have not filed listed first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/daily-reports", async Task<Created<DailyResponse>> (Guid id, DailyRequest r, BeaconDbContext db, LocalTime local,
                CancellationToken ct) =>
            {
                var d = await FileDaily(id, r, db, local, ct);
                return TypedResults.Created($"/api/protection-periods/{id}?day={d.Day:yyyy-MM-dd}", d);
            })
            .WithName("FileDailyReport")
            .WithSummary("Files a unit's daily report (日报) for today or an earlier day of the period; one per unit and day.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
