using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Reports the desks of the caller's subtree have not acknowledged yet, oldest first.</summary>
public static class ListOpenAlerts
{
    public static async Task<List<DutyAlertResponse>> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var list = await db.Set<DutyAlert>().AsNoTracking().Where(a => a.AcknowledgedAt == null).OrderBy(a => a.RaisedAt).Take(500).ToListAsync(ct);
        return list.Select(DutyAlertResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/duty-desk/alerts", async Task<Ok<List<DutyAlertResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListOpenAlerts").WithTags("Duty desk")
            .WithSummary("Reports the desks of the caller's subtree have not acknowledged yet, oldest first.");
    }
}
