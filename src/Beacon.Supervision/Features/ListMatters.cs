using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Supervision.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Features;

public static class ListMatters
{
    /// <param name="View">assigned (by the caller's subtree), handling (to it), cards (carded now), accountability (查办), or all.</param>
    public sealed record Filter(string? View = null, string? State = null, string? Due = null);

    public static async Task<MatterList> Handle(Filter q, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.MattersRead);
        var path = db.Actor.Scope == ScopeKind.Subtree ? db.Actor.UnitPath : "/";
        var query = db.Readable<Matter>().AsNoTracking();
        query = q.View switch
        {
            null or "" or "all" => query,
            "assigned" => query.Where(m => m.UnitPath.StartsWith(path)),
            // The caller's own unit, or a unit above it, handles them (not the units below, which the office assigned to).
            "handling" => query.Where(m => path.StartsWith(m.HandlingUnitPath) || m.HandlerId == db.Actor.UserId),
            "cards" => query.Where(m => m.Stage != SupervisionStage.None && m.State != MatterState.Closed),
            "accountability" => query.Where(m => m.InAccountability),
            _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["view"] = [Text.Get("Matter.ViewUnknown")] }),
        };
        if (!string.IsNullOrWhiteSpace(q.State))
        {
            if (!Enum.TryParse<MatterState>(q.State, true, out var state) || int.TryParse(q.State, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Matter.StateUnknown")] });
            }
            query = query.Where(m => m.State == state);
        }
        var all = await query.OrderBy(m => m.Deadline).Take(2000).ToListAsync(ct);
        var now = db.Time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(q.Due))
        {
            if (!Enum.TryParse<DueColour>(q.Due, true, out var due) || int.TryParse(q.Due, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["due"] = [Text.Get("Matter.DueUnknown")] });
            }
            all = all.Where(m => m.Colour(now) == due).ToList();
        }
        return new MatterList(MatterCounters.Count(all, now), await MatterResponse.DescribeAll(all, db, ct));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<MatterList>> (string? view, string? state, string? due, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(new Filter(view, state, due), db, ct)))
            .WithName("ListMatters")
            .WithSummary("Matters with counters; view=assigned|handling|cards|accountability, state=assigned|inprogress|closuresubmitted|closed, due=ontrack|duesoon|overdue.");
    }
}
