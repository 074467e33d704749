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

/// <summary>The duty roster (值班表): shifts of a unit with its A post, B post and unit head.</summary>
public static class DutyRosterFeature
{
    public sealed record ShiftRequest(Guid? UnitId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Guid? APostUserId, Guid? BPostUserId, Guid? HeadUserId);

    public sealed record ShiftResponse(Guid Id, Guid UnitId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid APostUserId, string APostName,
        Guid? BPostUserId, string? BPostName, Guid? HeadUserId, string? HeadName);

    public sealed record Member(Guid Id, string DisplayName, bool IsDutyOfficer, bool MayHead);

    public static async Task<List<ShiftResponse>> List(BeaconDbContext db, Guid? unitId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var q = db.Set<DutyShift>().AsNoTracking();
        if (unitId is { } u)
        {
            q = q.Where(s => s.UnitId == u);
        }
        var start = (from ?? db.Time.GetUtcNow().AddDays(-1)).ToUniversalTime();
        var end = (to ?? start.AddDays(31)).ToUniversalTime();
        if (end <= start || end - start > TimeSpan.FromDays(62))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["to"] = [Text.Get("Duty.Range")] });
        }
        var shifts = await q.Where(s => s.StartsAt < end && s.EndsAt > start).OrderBy(s => s.StartsAt).Take(1000).ToListAsync(ct);
        return await Describe(db, shifts, ct);
    }

    /// <summary>The unit's members who may hold a post: duty officers for A/B; duty officers and leaders as head.</summary>
    public static async Task<List<Member>> Members(BeaconDbContext db, Guid unitId, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        _ = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var officers = await OfficerIds(db, unitId, ct);
        var leaders = await OfficerIds(db, unitId, ct, Roles.Leader);
        return (await db.Users.Where(u => u.UnitId == unitId && !u.IsDisabled).OrderBy(u => u.DisplayName).ToListAsync(ct))
            .Select(u => new Member(u.Id, u.DisplayName, officers.Contains(u.Id), officers.Contains(u.Id) || leaders.Contains(u.Id))).ToList();
    }

    public static async Task<ShiftResponse> Create(ShiftRequest r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        var unitId = r.UnitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        // Two planners at once cannot both fit a shift into the same gap.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        var (others, officers, members) = await Context(db, unit.Id, ct);
        var shift = DutyShift.Plan(unit.Id, unit.Path, r.StartsAt, r.EndsAt, r.APostUserId, r.BPostUserId, r.HeadUserId, others,
            officers.Contains, members.Contains, local.Format);
        db.Set<DutyShift>().Add(shift);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await Describe(db, [shift], ct))[0];
    }

    public static async Task<ShiftResponse> Update(Guid id, ShiftRequest r, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Entity.Shift", id);
        var (others, officers, members) = await Context(db, shift.UnitId, ct);
        shift.Change(r.StartsAt, r.EndsAt, r.APostUserId, r.BPostUserId, r.HeadUserId, others, officers.Contains, members.Contains, local.Format,
            db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await Describe(db, [shift], ct))[0];
    }

    public static async Task Delete(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyRoster);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Entity.Shift", id);
        if (shift.StartsAt <= db.Time.GetUtcNow())
        {
            // A shift that has begun has alerted people; the record of who was on duty stays.
            throw new ConflictException(Text.Get("Duty.Started"));
        }
        db.Set<DutyShift>().Remove(shift);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<(List<DutyShift>, HashSet<Guid>, HashSet<Guid>)> Context(BeaconDbContext db, Guid unitId, CancellationToken ct)
    {
        var others = await db.Set<DutyShift>().Where(s => s.UnitId == unitId).ToListAsync(ct);
        var officers = await OfficerIds(db, unitId, ct);
        // The head is alerted last and must be able to acknowledge: a leader or duty officer of the unit.
        var heads = await OfficerIds(db, unitId, ct, Roles.Leader);
        heads.UnionWith(officers);
        return (others, officers, heads);
    }

    private static async Task<HashSet<Guid>> OfficerIds(BeaconDbContext db, Guid unitId, CancellationToken ct, string roleName = Roles.DutyOfficer) =>
        (await (from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join role in db.Roles on ur.RoleId equals role.Id
                where role.Name == roleName && u.UnitId == unitId && !u.IsDisabled
                select u.Id).ToListAsync(ct)).ToHashSet();

    private static async Task<List<ShiftResponse>> Describe(BeaconDbContext db, List<DutyShift> shifts, CancellationToken ct)
    {
        var ids = shifts.SelectMany(s => new[] { s.APostUserId, s.BPostUserId ?? Guid.Empty, s.HeadUserId ?? Guid.Empty }).ToHashSet();
        var names = await db.Users.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? N(Guid? id) => id is { } i && names.TryGetValue(i, out var n) ? n : null;
        return shifts.Select(s => new ShiftResponse(s.Id, s.UnitId, s.StartsAt, s.EndsAt, s.APostUserId, N(s.APostUserId) ?? "",
            s.BPostUserId, N(s.BPostUserId), s.HeadUserId, N(s.HeadUserId))).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/duty-roster").WithTags("Duty desk");
        g.MapGet("/", async Task<Ok<List<ShiftResponse>>> (Guid? unitId, DateTimeOffset? from, DateTimeOffset? to, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await List(db, unitId, from, to, ct)))
            .WithName("ListShifts").WithSummary("Shifts of the caller's subtree (or one unit) overlapping a range of at most 62 days.");
        g.MapGet("/members", async Task<Ok<List<Member>>> (Guid unitId, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Members(db, unitId, ct)))
            .WithName("ListDutyMembers").WithSummary("Who of a unit may hold a post: duty officers for A and B posts, duty officers and leaders as head.");
        g.MapPost("/", async Task<Created<ShiftResponse>> (ShiftRequest r, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
            {
                var s = await Create(r, db, local, ct);
                return TypedResults.Created($"/api/duty-roster/{s.Id}", s);
            })
            .WithName("CreateShift").WithSummary("Plans a shift; overlapping shifts of the unit and posts held by non-officers are refused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPut("/{id:guid}", async Task<Ok<ShiftResponse>> (Guid id, ShiftRequest r, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
                TypedResults.Ok(await Update(id, r, db, local, ct)))
            .WithName("UpdateShift").WithSummary("Changes a shift's times or posts.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, BeaconDbContext db, CancellationToken ct) =>
            {
                await Delete(id, db, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteShift").WithSummary("Removes a shift that has not begun.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>The receiving duty desk acknowledges a report (签收); that stops its escalation.</summary>
public static class AcknowledgeReceipt
{
    public sealed record AlertResponse(Guid Id, Guid ReportId, Guid UnitId, string Stage, DateTimeOffset RaisedAt, DateTimeOffset? EscalateAt,
        DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy)
    {
        public static AlertResponse From(DutyAlert a) => new(a.Id, a.ReportId, a.UnitId, a.Stage.ToString(), a.RaisedAt, a.EscalateAt,
            a.AcknowledgedAt, a.AcknowledgedBy);
    }

    public static async Task<AlertResponse> Handle(Guid reportId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyDesk);
        var me = db.Actor.RequireUserId();
        // Against the escalation sweep: an acknowledged alert must not alert the next post.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        // Only the caller's own desk acknowledges; a desk above cannot silence one below.
        var alerts = await db.Set<DutyAlert>().Where(a => a.ReportId == reportId && a.UnitId == db.Actor.UnitId)
            .OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
        if (alerts.Count == 0)
        {
            throw new NotFoundException("Entity.Report", reportId);
        }
        var now = db.Time.GetUtcNow();
        // The desk may hold the report twice (first report, then a hand-over from below): one receipt covers both.
        var changed = alerts.Aggregate(false, (any, a) => a.Acknowledge(me, now) | any);
        if (changed)
        {
            // The messages on the desk that announced it are acknowledged with it.
            var mine = await db.Set<Platform.Notifications.Domain.Notification>()
                .Where(n => n.RecipientUserId == me && n.SubjectType == "report" && n.SubjectId == reportId.ToString() && n.AcknowledgedAt == null)
                .ToListAsync(ct);
            foreach (var n in mine)
            {
                n.Acknowledge(me, now);
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return AlertResponse.From(alerts[0]);
    }

    public static async Task<List<AlertResponse>> Open(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var list = await db.Set<DutyAlert>().AsNoTracking().Where(a => a.AcknowledgedAt == null).OrderBy(a => a.RaisedAt).Take(500).ToListAsync(ct);
        return list.Select(AlertResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reports/{id:guid}/receipt", async Task<Ok<AlertResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("AcknowledgeReceipt").WithTags("Duty desk")
            .WithSummary("The receiving duty desk acknowledges a report (签收); the first acknowledgement counts and stops the escalation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/duty-desk/alerts", async Task<Ok<List<AlertResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Open(db, ct)))
            .WithName("ListOpenAlerts").WithTags("Duty desk")
            .WithSummary("Reports the desks of the caller's subtree have not acknowledged yet, oldest first.");
    }
}
