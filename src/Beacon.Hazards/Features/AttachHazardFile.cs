using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Hazards.Features;

public static class AttachHazardFile
{
    /// <summary>The owner type a hazard's files are stored under.</summary>
    public const string FileOwner = "hazard";

    public static async Task<StoredFile> Handle(Guid id, string? fileName, Stream content, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var h = await HazardAccess.ForRectifier(id, db, ct);
        if (h.State == HazardState.Closed)
        {
            throw new ConflictException(Text.Get("Hazard.Closed"));
        }
        var file = await uploads.AttachAsync(db, tx, FileOwner, h.Id, h.UnitId, h.UnitPath, fileName, content, ct);
        return file;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/files", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var file = await Uploads.FormFileAsync(request, ct);
                await using var stream = file.OpenReadStream();
                var stored = await Handle(id, file.FileName, stream, db, uploads, ct);
                return TypedResults.Created($"/api/hazards/{id}/files/{stored.Id}", FileResponse.From(stored));
            })
            .WithName("AttachHazardFile")
            .WithSummary("A photo (JPEG, PNG, GIF, WebP) or PDF of the hazard or of its rectification (form field 'file', 10 MB by default); the type is read from the bytes.")
            .DisableAntiforgery().ProducesValidationProblem();
    }
}
