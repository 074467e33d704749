using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The flags raised on one report, oldest first.</summary>
public static class ListReportFlags
{
    public static async Task<List<ReportFlagResponse>> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        if (!await db.Set<Report>().AnyAsync(x => x.Id == id, ct))
        {
            throw new NotFoundException("Entity.Report", id);
        }
        var flags = await db.Set<ReportFlag>().AsNoTracking().Where(f => f.ReportId == id).OrderBy(f => f.FlaggedAt).ToListAsync(ct);
        return flags.Select(ReportFlagResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/flags", async Task<Ok<List<ReportFlagResponse>>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("ListReportFlags")
            .WithSummary("The flags raised on one report.");
    }
}
