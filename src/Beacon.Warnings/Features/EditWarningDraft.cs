using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class EditWarningDraft
{
    public sealed record Request(string? EventTypeCode, bool? IsPublic, ContentRequest? Content);

    public static async Task<WarningResponse> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        var warning = await WarningAccess.LoadForDrafting(id, db, ct);
        var content = r.Content ?? ContentRequest.Empty;
        await content.CheckArea(warning.UnitPath, db, ct);
        var codes = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        warning.EditDraft(r.EventTypeCode, r.IsPublic ?? warning.IsPublic, content.ToContent(), content.CheckedAudience(), db.Actor.RequireUserId(),
            db.Time.GetUtcNow(), codes.Contains);
        await db.SaveChangesAsync(ct);
        return WarningResponse.From(warning);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPut("/{id:guid}", async Task<Ok<WarningResponse>> (Guid id, Request r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, ct)))
            .WithName("EditWarningDraft").WithSummary("Reworks a draft (analyst) before it is decided; a decided warning changes only by a new version.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
