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

/// <summary>A system administrator renames, reorders or retires a category or type; its code never changes.</summary>
public static class EditEventType
{
    public sealed record Request(string? NameZh, string? NameEn, bool? IsActive, int? SortOrder);

    public static async Task<EventTypeResponse> Handle(string code, Request r, BeaconDbContext db, CancellationToken ct)
    {
        // The taxonomy is the whole installation's: every reporter files against it, so only the top unit changes it.
        db.Actor.RequireInstallationWide(Permissions.TaxonomyManage);
        var type = await db.Set<EventType>().FirstOrDefaultAsync(t => t.Code == code, ct) ?? throw new NotFoundException("Entity.EventType", code);
        type.Edit(r.NameZh, r.NameEn, r.IsActive, r.SortOrder);
        await db.SaveChangesAsync(ct);
        return EventTypeResponse.From(type);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/event-types/{code}", async Task<Ok<EventTypeResponse>> (string code, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(code, r, db, ct)))
            .WithName("EditEventType").WithTags("Reports")
            .WithSummary("Renames, reorders or retires (isActive=false) a category or type; its code never changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
