using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

public static class GetReport
{
    public static async Task<ReportResponse> Handle(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(ReportsModule.ReadReports);
        var r = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        // The clocks of the event that run in the caller's subtree (those of the desks above are theirs).
        var dues = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.EventId == r.EventId).ToListAsync(ct);
        return ReportResponse.From(r) with { Deadlines = DeadlineState.Of(r, dues, db.Time.GetUtcNow()) };
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", async Task<Ok<ReportResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("GetReport")
            .WithSummary("One report with every deadline of its event (first report, assessment, follow-ups, hand-overs) and its state; outside the caller's subtree it is not found.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
