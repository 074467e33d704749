using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
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

public static class ListEventTypes
{
    public sealed record EventTypeResponse(string Code, string? ParentCode, string NameZh, string NameEn, bool IsActive = true, int SortOrder = 0)
    {
        public static EventTypeResponse From(EventType t) => new(t.Code, t.ParentCode, t.NameZh, t.NameEn, t.IsActive, t.SortOrder);
    }

    public sealed record DefineRequest(string? Code, string? ParentCode, string? NameZh, string? NameEn, int? SortOrder);

    public sealed record EditRequest(string? NameZh, string? NameEn, bool? IsActive, int? SortOrder);

    public static Task<List<EventTypeResponse>> Handle(BeaconDbContext db, CancellationToken ct) => Handle(db, false, ct);

    /// <summary>The active taxonomy; with <paramref name="all"/> (administrators) the retired types too.</summary>
    public static async Task<List<EventTypeResponse>> Handle(BeaconDbContext db, bool all, CancellationToken ct)
    {
        if (all)
        {
            db.Actor.Require(Permissions.TaxonomyManage);
        }
        return (await db.Set<EventType>().AsNoTracking().Where(t => all || t.IsActive).OrderBy(t => t.SortOrder).ToListAsync(ct))
            .Select(EventTypeResponse.From).ToList();
    }

    public static async Task<EventTypeResponse> Define(DefineRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.TaxonomyManage);
        var existing = await db.Set<EventType>().ToListAsync(ct);
        var type = EventType.Define(r.Code, r.ParentCode, r.NameZh, r.NameEn, r.SortOrder, existing);
        db.Set<EventType>().Add(type);
        await db.SaveChangesAsync(ct);
        return EventTypeResponse.From(type);
    }

    public static async Task<EventTypeResponse> Edit(string code, EditRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.TaxonomyManage);
        var type = await db.Set<EventType>().FirstOrDefaultAsync(t => t.Code == code, ct) ?? throw new NotFoundException("Entity.EventType", code);
        type.Edit(r.NameZh, r.NameEn, r.IsActive, r.SortOrder);
        await db.SaveChangesAsync(ct);
        return EventTypeResponse.From(type);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/event-types", async Task<Ok<List<EventTypeResponse>>> (bool? all, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(db, all == true, ct)))
            .WithName("ListEventTypes")
            .WithTags("Reports")
            .WithSummary("The event taxonomy: categories (no parent) and their types, with stable codes; ?all=true (system administrator) includes retired ones.");
        api.MapPost("/event-types", async Task<Created<EventTypeResponse>> (DefineRequest r, BeaconDbContext db, CancellationToken ct) =>
            {
                var t = await Define(r, db, ct);
                return TypedResults.Created($"/api/event-types/{t.Code}", t);
            })
            .WithName("DefineEventType").WithTags("Reports")
            .WithSummary("Adds a category or a type (system administrator); codes are stable and unique.")
            .ProducesValidationProblem();
        api.MapPut("/event-types/{code}", async Task<Ok<EventTypeResponse>> (string code, EditRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Edit(code, r, db, ct)))
            .WithName("EditEventType").WithTags("Reports")
            .WithSummary("Renames, reorders or retires (isActive=false) a category or type; its code never changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
