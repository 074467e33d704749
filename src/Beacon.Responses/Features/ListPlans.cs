using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>Response plans (预案) per event type: the command post's groups with their units, and the measures of each level.</summary>
public static class ListPlans
{
    /// <summary>The plans of the caller's subtree, and those of the units above that apply to it.</summary>
    public static async Task<List<ResponsePlanResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        if (!db.Actor.Has(Permissions.ResponsesPlans))
        {
            db.Actor.Require(Permissions.ResponsesRead);
        }
        var above = db.Actor.Scope == ScopeKind.Subtree ? UnitPaths.Ancestors(db.Actor.UnitPath) : [];
        var path = db.Actor.Scope == ScopeKind.System ? "/" : db.Actor.Scope == ScopeKind.Subtree ? db.Actor.UnitPath : "\u0001";
        var plans = await db.Set<ResponsePlan>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.UnitPath.StartsWith(path) || above.Contains(p.UnitPath)).ToListAsync(ct);
        return plans.OrderBy(p => p.UnitPath.Length).ThenBy(p => p.EventTypeCode, StringComparer.Ordinal).Select(ResponsePlanResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<List<ResponsePlanResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListPlans").WithSummary("Response plans of the caller's subtree and of the units above it.");
    }
}
