using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class DraftWarning
{
    public sealed record Request(string? EventTypeCode, bool? IsPublic, ContentRequest? Content);

    public static async Task<WarningResponse> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDraft);
        var office = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
        var content = r.Content ?? ContentRequest.Empty;
        var audience = content.CheckedAudience();
        await content.CheckArea(office.Path, db, ct);
        var codes = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        var warning = Warning.Draft(office.Id, office.Path, r.EventTypeCode, r.IsPublic ?? false, content.ToContent(), audience,
            db.Actor.RequireUserId(), db.Time.GetUtcNow(), codes.Contains);
        db.Set<Warning>().Add(warning);
        await db.SaveChangesAsync(ct);
        return WarningResponse.From(warning);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<WarningResponse>> (Request r, BeaconDbContext db, CancellationToken ct) =>
            {
                var w = await Handle(r, db, ct);
                return TypedResults.Created($"/api/warnings/{w.Id}", w);
            })
            .WithName("DraftWarning").WithSummary("Drafts a warning (analyst): colour, event type, texts, area, onset and expiry; an audience may only widen the colour's default.")
            .ProducesValidationProblem();
    }
}
