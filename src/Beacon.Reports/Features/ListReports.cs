using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

public static class ListReports
{
    /// <summary>Filters of the report list; every one optional.</summary>
    public sealed record Filter(Guid? UnitId = null, string? Type = null, int? Level = null, string? Status = null, DateTimeOffset? From = null,
        DateTimeOffset? To = null, string? Timeliness = null);

    public static async Task<List<ReportResponse>> Handle(BeaconDbContext db, Filter f, CancellationToken ct)
    {
        db.Actor.Require(ReportsModule.ReadReports);
        var errors = new Dictionary<string, string[]>();
        var q = db.Set<Report>().AsNoTracking();
        if (f.UnitId is { } unitId)
        {
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Entity.Unit", unitId);
            q = q.Where(r => r.UnitPath.StartsWith(path));
        }
        if (!string.IsNullOrWhiteSpace(f.Type))
        {
            // A category code ("accident") takes in its types ("accident.fire").
            var code = f.Type.Trim();
            q = q.Where(r => r.EventTypeCode == code || r.EventTypeCode.StartsWith(code + "."));
        }
        if (f.Level is { } level)
        {
            if (level is < 1 or > 4)
            {
                errors["level"] = [Text.Get("Report.Level")];
            }
            var l = (EventLevel)level;
            q = q.Where(r => r.Level == l);
        }
        switch (f.Status)
        {
            case null or "":
                break;
            case "unassessed":
                q = q.Where(r => r.AssessedAt == null);
                break;
            case "open":
                q = q.Where(r => r.ClosedAt == null);
                break;
            case "closed":
                q = q.Where(r => r.ClosedAt != null);
                break;
            default:
                errors["status"] = [Text.Get("Report.Status")];
                break;
        }
        switch (f.Timeliness)
        {
            case null or "":
                break;
            case "late":
                q = q.Where(r => r.Timeliness == Platform.Deadlines.Domain.Timeliness.Late);
                break;
            case "on-time":
                q = q.Where(r => r.Timeliness == Platform.Deadlines.Domain.Timeliness.OnTime);
                break;
            default:
                errors["timeliness"] = [Text.Get("Report.TimelinessFilter")];
                break;
        }
        if (f.From is { } from)
        {
            var utc = from.ToUniversalTime();
            q = q.Where(r => r.ReceivedAt >= utc);
        }
        if (f.To is { } to)
        {
            var utc = to.ToUniversalTime();
            q = q.Where(r => r.ReceivedAt < utc);
        }
        if (f.From is { } a && f.To is { } b && b <= a)
        {
            errors["to"] = [Text.Get("Report.Period")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        var list = await q.OrderByDescending(r => r.ReceivedAt).Take(500).ToListAsync(ct);
        return list.Select(ReportResponse.From).ToList();
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<Ok<List<ReportResponse>>> ([AsParameters] Query q, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, new Filter(q.UnitId, q.Type, q.Level, q.Status, q.From, q.To, q.Timeliness), ct)))
            .WithName("ListReports")
            .WithSummary("Reports of the caller's subtree, newest first (at most 500): ?unitId= (its subtree), type= (a type or a category), " +
                "level=1..4, status=open|closed|unassessed, from=&to= (received, ISO 8601 with offset), timeliness=late|on-time.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record Query(Guid? UnitId, string? Type, int? Level, string? Status, DateTimeOffset? From, DateTimeOffset? To, string? Timeliness);
}
