using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>Response plans (预案) per event type: the command post's groups with their units, and the measures of each level.</summary>
public static class Plans
{
    /// <param name="UnitId">The unit the plan is for: the caller's own or one below it (default: the caller's).</param>
    public sealed record PlanRequest(string? EventTypeCode, string? Name, IReadOnlyList<PlanGroup>? Groups, IReadOnlyList<PlanMeasure>? Measures,
        int? Revision, Guid? UnitId = null);

    public sealed record PlanResponse(Guid Id, Guid UnitId, string EventTypeCode, string Name, IReadOnlyList<PlanGroup> Groups,
        IReadOnlyList<PlanMeasure> Measures, int Revision, DateTimeOffset UpdatedAt)
    {
        public static PlanResponse From(ResponsePlan p) => new(p.Id, p.UnitId, p.EventTypeCode, p.Name, p.Groups, p.Measures, p.Revision, p.UpdatedAt);
    }

    /// <summary>The plans of the caller's subtree, and those of the units above that apply to it.</summary>
    public static async Task<List<PlanResponse>> List(BeaconDbContext db, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.ResponsesPlans))
        {
            db.Actor.Require(Permissions.ResponsesRead);
        }
        var above = db.Actor.Scope == ScopeKind.Subtree ? UnitPaths.Ancestors(db.Actor.UnitPath) : [];
        var path = db.Actor.Scope == ScopeKind.System ? "/" : db.Actor.Scope == ScopeKind.Subtree ? db.Actor.UnitPath : "\u0001";
        var plans = await db.Set<ResponsePlan>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.UnitPath.StartsWith(path) || above.Contains(p.UnitPath)).ToListAsync(ct);
        return plans.OrderBy(p => p.UnitPath.Length).ThenBy(p => p.EventTypeCode, StringComparer.Ordinal).Select(PlanResponse.From).ToList();
    }

    public static async Task<PlanResponse> Get(Guid id, BeaconDbContext db, CancellationToken ct) =>
        (await List(db, ct)).FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException("Entity.Plan", id);

    public static async Task<PlanResponse> Create(PlanRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesPlans);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        // Within the caller's scope, else not found.
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        r = Normalised(r);
        await CheckReferences(r, unitPath, db, ct);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var type = r.EventTypeCode?.Trim();
        if (type is not null && await db.Set<ResponsePlan>().IgnoreQueryFilters().AnyAsync(p => p.UnitId == unitId && p.EventTypeCode == type, ct))
        {
            throw new ConflictException(Text.Get("Response.PlanExists"), "eventTypeCode");
        }
        var plan = ResponsePlan.Create(unitId, unitPath, type, r.Name, r.Groups, r.Measures, db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<ResponsePlan>().Add(plan);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PlanResponse.From(plan);
    }

    public static async Task<PlanResponse> Update(Guid id, PlanRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesPlans);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var plan = await db.Set<ResponsePlan>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Entity.Plan", id);
        r = Normalised(r);
        await CheckReferences(r with { EventTypeCode = plan.EventTypeCode }, plan.UnitPath, db, ct);
        plan.Revise(r.Name, r.Groups ?? [], r.Measures ?? [], db.Actor.RequireUserId(), db.Time.GetUtcNow(), r.Revision ?? -1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PlanResponse.From(plan);
    }

    /// <summary>JSON may say null where a list or an entry belongs: an empty list, and an entry left out is refused.</summary>
    private static PlanRequest Normalised(PlanRequest r)
    {
        if (r.Groups?.Any(g => g is null) == true || r.Measures?.Any(m => m is null) == true)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["groups"] = [Text.Get("Response.PlanNullEntry")] });
        }
        return r with { Groups = r.Groups?.Select(g => g with { MemberUnitIds = g.MemberUnitIds ?? [] }).ToList() };
    }

    /// <summary>The event type is a live type of the taxonomy; the groups' units lie in the plan's subtree.</summary>
    private static async Task CheckReferences(PlanRequest r, string unitPath, BeaconDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.EventTypeCode)
            || !await db.Set<EventType>().AnyAsync(t => t.Code == r.EventTypeCode.Trim() && t.ParentCode != null && t.IsActive, ct))
        {
            errors["eventTypeCode"] = [Text.Get("Response.EventType")];
        }
        var unitIds = (r.Groups ?? []).SelectMany(g => (g.MemberUnitIds ?? []).Append(g.LeadUnitId ?? Guid.Empty)).Where(u => u != Guid.Empty).Distinct().ToList();
        var found = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id) && u.Path.StartsWith(unitPath)).CountAsync(ct);
        if (found != unitIds.Count)
        {
            errors["groups"] = [Text.Get("Response.GroupUnits")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<List<PlanResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await List(db, ct)))
            .WithName("ListPlans").WithSummary("Response plans of the caller's subtree and of the units above it.");
        g.MapGet("/{id:guid}", async Task<Ok<PlanResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Get(id, db, ct)))
            .WithName("GetPlan").WithSummary("A response plan.").ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/", async Task<Created<PlanResponse>> (PlanRequest r, BeaconDbContext db, CancellationToken ct) =>
            {
                var p = await Create(r, db, ct);
                return TypedResults.Created($"/api/plans/{p.Id}", p);
            })
            .WithName("CreatePlan")
            .WithSummary("A plan for an event type of the caller's unit: groups (default: coordination, on-site handling, public information, logistics) with lead and member units, and measures per level with group and target minutes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPut("/{id:guid}", async Task<Ok<PlanResponse>> (Guid id, PlanRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Update(id, r, db, ct)))
            .WithName("UpdatePlan").WithSummary("Revises a plan; give the revision you saw (stale: 409). Responses already active keep the groups they started with.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
