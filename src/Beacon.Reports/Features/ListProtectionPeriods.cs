using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The special protection periods (特别防护期) the caller deals with.</summary>
public static class ListProtectionPeriods
{
    public static async Task<List<ProtectionPeriodResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        // Periods the caller's office declared, and those that cover a unit of the caller's subtree (ProtectionPeriodAccess).
        var list = await db.Readable<ProtectionPeriod>().AsNoTracking().Include(p => p.Units)
            .OrderByDescending(p => p.StartDay).Take(200).ToListAsync(ct);
        return list.Select(ProtectionPeriodResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder periods)
    {
        periods.MapGet("/", async Task<Ok<List<ProtectionPeriodResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListProtectionPeriods").WithSummary("Periods declared in the caller's subtree or covering it.");
    }
}
