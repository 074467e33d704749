using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Supervision.Features;

/// <summary>Evidence for the closing report, before it is submitted.</summary>
public static class AttachMatterEvidence
{
    /// <summary>The owner type of a matter's files.</summary>
    public const string FileOwner = "matter";

    public static async Task<StoredFile> Handle(Guid id, string? fileName, Stream content, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var m = await MatterAccess.ForHandler(id, db, ct);
        if (!m.IsOpen)
        {
            throw new ConflictException(Text.Get("Matter.State", m.State));
        }
        var file = await uploads.AttachAsync(db, tx, FileOwner, m.Id, m.HandlingUnitId, m.HandlingUnitPath, fileName, content, ct);
        return file;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/files", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var file = await Uploads.FormFileAsync(request, ct);
                await using var stream = file.OpenReadStream();
                var stored = await Handle(id, file.FileName, stream, db, uploads, ct);
                return TypedResults.Created($"/api/matters/{id}/files/{stored.Id}", new { stored.Id, stored.FileName, stored.ContentType, stored.Size });
            })
            .WithName("AttachMatterEvidence").WithSummary("Evidence (photo or PDF) for the closing report.").DisableAntiforgery().ProducesValidationProblem();
    }
}
