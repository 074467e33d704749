using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

public static class ListReports
{
    public static async Task<List<ReportResponse>> Handle(BeaconDbContext db, string? timeliness, CancellationToken ct)
    {
        db.Actor.Require(ReportsModule.ReadReports);
        var q = db.Set<Report>().AsNoTracking();
        if (timeliness is "late")
        {
            q = q.Where(r => r.Timeliness == Timeliness.Late);
        }
        else if (timeliness is "on-time")
        {
            q = q.Where(r => r.Timeliness == Timeliness.OnTime);
        }
        var list = await q.OrderByDescending(r => r.ReceivedAt).Take(500).ToListAsync(ct);
        return list.Select(ReportResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<Ok<List<ReportResponse>>> (string? timeliness, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, timeliness, ct)))
            .WithName("ListReports")
            .WithSummary("Reports of the caller's subtree, newest first (?timeliness=late|on-time).");
    }
}

public static class GetReport
{
    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", async Task<Ok<ReportResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
            {
                db.Actor.Require(ReportsModule.ReadReports);
                var r = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
                return TypedResults.Ok(ReportResponse.From(r));
            })
            .WithName("GetReport")
            .WithSummary("One report with its first-report deadline and timeliness; outside the caller's subtree it is not found.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

public static class ListEventTypes
{
    public sealed record EventTypeResponse(string Code, string? ParentCode, string NameZh, string NameEn);

    public static async Task<List<EventTypeResponse>> Handle(BeaconDbContext db, CancellationToken ct) =>
        await db.Set<EventType>().AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder)
            .Select(t => new EventTypeResponse(t.Code, t.ParentCode, t.NameZh, t.NameEn)).ToListAsync(ct);

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/event-types", async Task<Ok<List<EventTypeResponse>>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("ListEventTypes")
            .WithTags("Reports")
            .WithSummary("The event taxonomy: categories (no parent) and their types, with stable codes.");
    }
}
