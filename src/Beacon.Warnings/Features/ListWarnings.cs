using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class ListWarnings
{
    public static async Task<List<WarningResponse>> Handle(string? state, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        var q = db.Readable<Warning>().AsNoTracking();
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<WarningState>(state, ignoreCase: true, out var s))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Warning.StateFilter")] });
            }
            q = q.Where(w => w.State == s);
        }
        return (await q.OrderByDescending(w => w.IssuedAt).Take(500).ToListAsync(ct)).Select(WarningResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Ok<List<WarningResponse>>> (string? state, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(state, db, ct)))
            .WithName("ListWarnings").WithSummary("Warnings of the caller's subtree and of the offices above it (?state=draft|approved|issued|lifted|expired).");
    }
}
