using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

public static class GetPublicWarningCap
{
    /// <summary>The current CAP message of a public warning in force, for the feed's links.</summary>
    public static async Task<string> Handle(Guid id, BeaconDbContext db, WarningOptions options, CancellationToken ct)
    {
        db.Actor.SetSystem("public-feed");
        var w = await db.Set<Warning>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.IsPublic && x.IssuedAt != null, ct)
            ?? throw new NotFoundException("Entity.Warning", id);
        return CapXml.Write(w.ToCap(w.Current.Number, options.Sender, options.SenderName, CapCategories.For(w.EventTypeCode), options.Test,
            await CapCategories.EventNames(db, w, ct)));
    }

    /// <summary>Outside the API group: the feed's readers need no login.</summary>
    internal static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/warnings/{id:guid}/public.cap", async Task<IResult> (Guid id, BeaconDbContext db, IOptions<WarningOptions> o, CancellationToken ct) =>
                Results.Text(await Handle(id, db, o.Value, ct), CapXml.MediaType, System.Text.Encoding.UTF8))
            .AllowAnonymous().WithTags("Warnings").WithName("PublicWarningCap")
            .WithSummary("The current CAP message of a public warning (no login).");
    }
}
