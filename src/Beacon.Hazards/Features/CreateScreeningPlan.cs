using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

/// <summary>Screening plans (排查计划): the office plans, the units in scope file their results, coverage shows who has not.</summary>
public static class CreateScreeningPlan
{
    public sealed record Request(string? Kind, string? Title, IReadOnlyList<string>? Domains, IReadOnlyList<Guid>? ScopeUnitIds, IReadOnlyList<Guid>? OwnerIds,
        DateOnly? StartsOn, DateOnly? EndsOn, bool? Recurring);

    public static async Task<PlanResponse> Handle(Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
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
        await ScreeningNotices.TellScope(plan, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        return await PlanResponse.Describe(plan, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<PlanResponse>> (Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var p = await Handle(r, db, outbox, ct);
                return TypedResults.Created($"/api/screening-plans/{p.Id}", p);
            })
            .WithName("CreateScreeningPlan")
            .WithSummary("A screening plan (排查计划): kind comprehensive|special|adhoc, title, domains, units of the caller's subtree in scope, owners, dates; comprehensive and special plans may recur quarterly or monthly.")
            .ProducesValidationProblem();
    }
}
