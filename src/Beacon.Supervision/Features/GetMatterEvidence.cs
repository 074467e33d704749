using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

public static class GetMatterEvidence
{
    /// <summary>A piece of evidence and its content, to those who may read the matter.</summary>
    public static async Task<(StoredFile File, Stream Content)> Handle(Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await MatterAccess.Load(id, db, ct);
        return await uploads.OpenOwnedAsync(db, AttachMatterEvidence.FileOwner, id, fileId, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
                Uploads.Download(await Handle(id, fileId, db, uploads, ct)))
            .WithName("MatterEvidence").WithSummary("A piece of evidence, to those who may read the matter.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
