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

/// <summary>A reviewer flags a report as suppressed, wrong, concealed or false (压报/误报/瞒报/谎报), with a reason.</summary>
public static class FlagReport
{
    public sealed record Request(string? Kind, string? Reason);

    public static async Task<ReportFlag> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsFlag);
        var report = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        if (report.ReporterId == db.Actor.UserId)
        {
            throw new DomainException(Text.Get("Report.FlagOwn"));
        }
        var flag = ReportFlag.Raise(report, r.Kind, r.Reason, db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<ReportFlag>().Add(flag);
        await db.SaveChangesAsync(ct);
        return flag;
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/flags", async Task<Created<ReportFlagResponse>> (Guid id, Request request, BeaconDbContext db, CancellationToken ct) =>
            {
                var flag = await Handle(id, request, db, ct);
                return TypedResults.Created($"/api/reports/{id}/flags", ReportFlagResponse.From(flag));
            })
            .WithName("FlagReport")
            .WithSummary("Flags a report: kind suppressed|wrong|concealed|false and a reason (analyst, leader, supervisor).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
