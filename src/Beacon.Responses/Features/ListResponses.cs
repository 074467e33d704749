using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public sealed record ResponseSummary(Guid Id, Guid UnitId, string UnitName, string EventTypeCode, string Place, int Level, string State,
    DateTimeOffset ActivatedAt, DateTimeOffset? TerminatedAt, Guid CommanderId, string CommanderName, DateTimeOffset? UpdateDueAt, DateTimeOffset? ReportDueAt);

public static class ListResponses
{
    public static async Task<List<ResponseSummary>> Handle(string? state, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesRead);
        var q = db.Readable<Response>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<ResponseState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Response.StateFilter")] });
            }
            q = q.Where(r => r.State == s);
        }
        var list = await q.OrderByDescending(r => r.ActivatedAt).Take(500).ToListAsync(ct);
        var names = await UserNames.Of(db, list.Select(r => r.CommanderId), ct);
        var unitIds = list.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return list.Select(r => new ResponseSummary(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, ""), r.EventTypeCode, r.Place, r.Level,
            r.State.ToString().ToLowerInvariant(), r.ActivatedAt, r.TerminatedAt, r.CommanderId, names.GetValueOrDefault(r.CommanderId, ""), r.UpdateDueAt,
            r.ReportDueAt)).ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<List<ResponseSummary>>> (string? state, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(state, db, ct)))
            .WithName("ListResponses").WithSummary("Responses the caller may read, newest first; filter by state (active, terminating, terminated, reported, reviewed).");
    }
}
