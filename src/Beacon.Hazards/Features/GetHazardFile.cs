using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class GetHazardFile
{
    public static async Task<(StoredFile File, Stream Content)> Handle(Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await HazardAccess.Load(id, db, ct);
        return await uploads.OpenOwnedAsync(db, AttachHazardFile.FileOwner, id, fileId, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
                Uploads.Download(await Handle(id, fileId, db, uploads, ct)))
            .WithName("HazardFile").WithSummary("A file of the hazard, to those who may read it.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
