using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A system administrator adds a category or a type to the event taxonomy.</summary>
public static class DefineEventType
{
    public sealed record Request(string? Code, string? ParentCode, string? NameZh, string? NameEn, int? SortOrder);

    public static async Task<EventTypeResponse> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        // The taxonomy is the whole installation's: every reporter files against it, so only the top unit changes it.
        db.Actor.RequireInstallationWide(Permissions.TaxonomyManage);
        var existing = await db.Set<EventType>().ToListAsync(ct);
        var type = EventType.Define(r.Code, r.ParentCode, r.NameZh, r.NameEn, r.SortOrder, existing);
        db.Set<EventType>().Add(type);
        await db.SaveChangesAsync(ct);
        return EventTypeResponse.From(type);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/event-types", async Task<Created<EventTypeResponse>> (Request r, BeaconDbContext db, CancellationToken ct) =>
            {
                var t = await Handle(r, db, ct);
                return TypedResults.Created($"/api/event-types/{t.Code}", t);
            })
            .WithName("DefineEventType").WithTags("Reports")
            .WithSummary("Adds a category or a type (system administrator); codes are stable and unique.")
            .ProducesValidationProblem();
    }
}
