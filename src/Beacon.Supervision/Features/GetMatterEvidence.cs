using Beacon.Platform.Common;
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
        var file = (await Uploads.Of(db, AttachMatterEvidence.FileOwner, [id], ct)).FirstOrDefault(f => f.Id == fileId)
            ?? throw new NotFoundException("Entity.File", fileId);
        return (file, await uploads.OpenAsync(file, ct));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var (file, content) = await Handle(id, fileId, db, uploads, ct);
                return TypedResults.Stream(content, file.ContentType, file.FileName);
            })
            .WithName("MatterEvidence").WithSummary("A piece of evidence, to those who may read the matter.").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
