using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Units.Features;

public static class ListUnits
{
    /// <summary>Units the actor may see, ordered so that each parent comes before its children.</summary>
    public static async Task<List<Unit>> Query(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsRead);
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        return units.OrderBy(u => u.Depth).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Builds the visible forest; a unit whose parent is out of scope becomes a root.</summary>
    public static IReadOnlyList<UnitNode> BuildTree(IReadOnlyList<Unit> units)
    {
        var ids = units.Select(u => u.Id).ToHashSet();
        var byParent = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        IReadOnlyList<UnitNode> Build(Guid? parent) => byParent[parent]
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new UnitNode(u.Id, u.Code, u.NameZh, u.NameEn, UnitResponse.KindName(u.Kind), u.ParentId, u.Depth, Build(u.Id)))
            .ToList();
        return Build(null);
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapGet("/", async Task<Results<Ok<IReadOnlyList<UnitNode>>, Ok<IReadOnlyList<UnitResponse>>, ProblemHttpResult>> (
                string? view, BeaconDbContext db, CancellationToken ct) =>
            {
                var list = await Query(db, ct);
                return view?.ToLowerInvariant() switch
                {
                    null or "" or "flat" => TypedResults.Ok<IReadOnlyList<UnitResponse>>(list.Select(UnitResponse.From).ToList()),
                    "tree" => TypedResults.Ok(BuildTree(list)),
                    _ => TypedResults.Problem(title: "Unknown view", detail: "view must be 'flat' or 'tree'.", statusCode: StatusCodes.Status400BadRequest),
                };
            })
            .WithName("ListUnits")
            .WithSummary("Lists the units in the caller's subtree, flat (default) or as a tree (?view=tree).");
    }
}
