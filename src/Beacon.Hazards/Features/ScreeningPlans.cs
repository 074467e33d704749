using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public sealed record UnitRef(Guid Id, string Name);

public sealed record PlanResponse(Guid Id, Guid UnitId, string UnitName, string Kind, string Title, IReadOnlyList<string> Domains, DateOnly StartsOn,
    DateOnly EndsOn, bool Recurring, Guid? RecurrenceOf, IReadOnlyList<Guid> OwnerIds, int InScope, int Filed, IReadOnlyList<UnitRef> Missing,
    IReadOnlyList<ResultResponse> Results);

public sealed record ResultResponse(Guid UnitId, string UnitName, DateTimeOffset FiledAt, int HazardsFound, string? Note, bool Late);

/// <summary>Screening plans (排查计划): the office plans, the units in scope file their results, coverage shows who has not.</summary>
public static class ScreeningPlans
{
    public sealed record PlanRequest(string? Kind, string? Title, IReadOnlyList<string>? Domains, IReadOnlyList<Guid>? ScopeUnitIds, IReadOnlyList<Guid>? OwnerIds,
        DateOnly? StartsOn, DateOnly? EndsOn, bool? Recurring);

    public sealed record ResultRequest(Guid? UnitId, int? HazardsFound, string? Note);

    public static async Task<PlanResponse> Create(PlanRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        var office = db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        var officePath = await db.UnitPathAsync(office, ct);
        if (!Enum.TryParse<ScreeningKind>(r.Kind, true, out var kind) || int.TryParse(r.Kind, out _))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["kind"] = [Text.Get("Hazard.PlanKind")] });
        }
        var ids = (r.ScopeUnitIds ?? []).Distinct().ToList();
        // Units outside the caller's scope read as unknown: the rule then names them.
        var scope = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        if (scope.Count != ids.Count)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["scopeUnitIds"] = [Text.Get("Hazard.ScopeUnknown")] });
        }
        var owners = (r.OwnerIds ?? []).Distinct().ToList();
        if (await db.Users.CountAsync(u => owners.Contains(u.Id) && !u.IsDisabled, ct) != owners.Count)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["ownerIds"] = [Text.Get("Hazard.OwnerUnknown")] });
        }
        var plan = ScreeningPlan.Create(new ScreeningPlanInput(office, officePath, kind, r.Title, r.Domains, scope.Select(s => (s.Id, s.Path)).ToList(), owners,
            r.StartsOn, r.EndsOn, r.Recurring ?? false), db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<ScreeningPlan>().Add(plan);
        db.Set<ScreeningScope>().AddRange(plan.ScopeUnitIds.Select(u => ScreeningScope.Of(plan.Id, u)));
        await TellScope(plan, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        return await Describe(plan, db, ct);
    }

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

    public static async Task<PlanResponse> Get(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var plan = await db.Readable<ScreeningPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        return await Describe(plan, db, ct);
    }

    public static async Task<List<PlanResponse>> List(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRead);
        var plans = await db.Readable<ScreeningPlan>().AsNoTracking().OrderByDescending(p => p.StartsOn).Take(200).ToListAsync(ct);
        var list = new List<PlanResponse>();
        foreach (var p in plans)
        {
            list.Add(await Describe(p, db, ct));
        }
        return list;
    }

    /// <summary>The office ends a recurring series: this plan stands, no further one is generated from it.</summary>
    public static async Task<PlanResponse> StopRecurring(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var plan = await db.Readable<ScreeningPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        if (!db.Actor.Sees(plan.UnitPath))
        {
            throw new ForbiddenException(Text.Get("Hazard.OfficeOnly"));
        }
        plan.StopRecurring();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(plan, db, ct);
    }

    /// <summary>A unit in scope files its result: once per plan; filed after the end it is marked late.</summary>
    public static async Task<PlanResponse> FileResult(Guid id, ResultRequest r, BeaconDbContext db, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRecord);
        var plan = await db.Readable<ScreeningPlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.ScreeningPlan", id);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        if (await db.Set<ScreeningResult>().IgnoreQueryFilters().AnyAsync(x => x.PlanId == id && x.UnitId == unitId, ct))
        {
            throw new ConflictException(Text.Get("Hazard.ResultFiled"), "unitId");
        }
        var result = ScreeningResult.File(plan, unitId, unitPath, r.HazardsFound ?? -1, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow(), time.Zone);
        db.Set<ScreeningResult>().Add(result);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(plan, db, ct);
    }

    private static async Task<PlanResponse> Describe(ScreeningPlan p, BeaconDbContext db, CancellationToken ct)
    {
        var results = await db.Set<ScreeningResult>().IgnoreQueryFilters().AsNoTracking().Where(r => r.PlanId == p.Id).ToListAsync(ct);
        var coverage = ScreeningResult.Coverage(p.ScopeUnitIds, results);
        var unitIds = p.ScopeUnitIds.Append(p.UnitId).ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.NameZh, u.Path), ct);
        var names = units.ToDictionary(u => u.Key, u => u.Value.NameZh);
        if (!db.Actor.Sees(p.UnitPath))
        {
            // A unit in scope sees the totals, and of the units only its own subtree's: nothing of a sibling.
            bool Mine(Guid id) => units.TryGetValue(id, out var u) && db.Actor.Sees(u.Path);
            results = results.Where(r => Mine(r.UnitId)).ToList();
            coverage = coverage with { Missing = coverage.Missing.Where(Mine).ToList() };
        }
        return new PlanResponse(p.Id, p.UnitId, names.GetValueOrDefault(p.UnitId, ""), p.Kind.ToString().ToLowerInvariant(), p.Title, p.Domains, p.StartsOn,
            p.EndsOn, p.Recurring, p.RecurrenceOf, p.OwnerIds, coverage.InScope, coverage.Filed,
            coverage.Missing.Select(m => new UnitRef(m, names.GetValueOrDefault(m, ""))).ToList(),
            results.Where(r => p.ScopeUnitIds.Contains(r.UnitId)).OrderBy(r => r.FiledAt)
                .Select(r => new ResultResponse(r.UnitId, names.GetValueOrDefault(r.UnitId, ""), r.FiledAt, r.HazardsFound, r.Note, r.Late)).ToList());
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<PlanResponse>> (PlanRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var p = await Create(r, db, outbox, ct);
                return TypedResults.Created($"/api/screening-plans/{p.Id}", p);
            })
            .WithName("CreateScreeningPlan")
            .WithSummary("A screening plan (排查计划): kind comprehensive|special|adhoc, title, domains, units of the caller's subtree in scope, owners, dates; comprehensive and special plans may recur quarterly or monthly.")
            .ProducesValidationProblem();
        g.MapGet("/", async Task<Ok<List<PlanResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await List(db, ct)))
            .WithName("ListScreeningPlans").WithSummary("Plans of the caller's subtree and those the caller's unit is in scope of, with coverage.");
        g.MapGet("/{id:guid}", async Task<Ok<PlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Get(id, db, ct)))
            .WithName("GetScreeningPlan").WithSummary("A plan with its coverage: units filed / units in scope, and the missing ones.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/stop", async Task<Ok<PlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await StopRecurring(id, db, ct)))
            .WithName("StopScreeningSeries").WithSummary("The office ends a recurring plan's series: no further plan is generated from it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapPost("/{id:guid}/results", async Task<Ok<PlanResponse>> (Guid id, ResultRequest r, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
                TypedResults.Ok(await FileResult(id, r, db, time, ct)))
            .WithName("FileScreeningResult").WithSummary("A unit in scope files its screening result (hazards found, note), once.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Generates the next occurrence of each recurring plan whose period has ended (quarterly, monthly), and tells its scope.</summary>
public sealed class ScreeningRecurrenceSweep(Outbox outbox, LocalTime local) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var today = DateOnly.FromDateTime(local.ToLocal(db.Time.GetUtcNow()).DateTime);
        var ended = await db.Set<ScreeningPlan>().Where(p => p.Recurring && p.EndsOn < today
            && !db.Set<ScreeningPlan>().Any(n => n.RecurrenceOf == p.Id)).Take(100).ToListAsync(ct);
        var made = 0;
        foreach (var plan in ended)
        {
            if (plan.NextOccurrence(today, plan.CreatedBy, db.Time.GetUtcNow()) is { } next)
            {
                db.Set<ScreeningPlan>().Add(next);
                db.Set<ScreeningScope>().AddRange(next.ScopeUnitIds.Select(u => ScreeningScope.Of(next.Id, u)));
                await ScreeningPlans.TellScope(next, db, outbox, ct);
                made++;
            }
        }
        if (made > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return made;
    }
}
