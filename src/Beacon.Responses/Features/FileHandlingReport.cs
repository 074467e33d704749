using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses.Domain;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Responses.Features;

public static class FileHandlingReport
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The commander files the finalised report: a Word document that opens, up to 10 MB.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, string fileName, Stream content, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Response.ReportTooLarge", MaxBytes / 1024 / 1024)] });
            }
            await buffer.WriteAsync(chunk.AsMemory(0, n), ct);
        }
        var bytes = buffer.ToArray();
        // A zip bomb or XML nested thousands deep is refused before the Word library spends minutes on it.
        buffer.Position = 0;
        using (Beacon.Platform.Files.ZipGuard.Checked(buffer, 50_000_000, "Response.ReportNotDocx"))
        {
        }
        if (!OpensAsWord(bytes))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("Response.ReportNotDocx")] });
        }
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.Load(id, db, ct);
        // Besides the commander, a leader of the response's subtree with the level's authority; not one who only takes part.
        var authority = db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)
            ? await ResponseAccess.AuthorityOf(db, ct) : Authority.None;
        response.FileReport(db.Actor.RequireUserId(), authority, db.Time.GetUtcNow());
        var name = Path.GetFileName(fileName);
        db.Set<HandlingReportFile>().Add(HandlingReportFile.For(response, string.IsNullOrWhiteSpace(name) || name.Length > 200 ? "事件处置报告.docx" : name, bytes,
            db.Actor.RequireUserId(), db.Time.GetUtcNow()));
        foreach (var (user, path) in await ResponseNotices.FilingBody(db, response, ct))
        {
            outbox.ToUser(db, "response.report-filed", user, path, outbox.Text("Response.ReportFiled.Subject", response.Place), response.Scope, "response",
                response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    private static bool OpensAsWord(byte[] bytes)
    {
        try
        {
            // A compressed part can inflate a hundredfold: cap what is read, and take documents, not macro-enabled ones.
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false, new OpenSettings { MaxCharactersInPart = 50_000_000 });
            return doc.DocumentType == DocumentFormat.OpenXml.WordprocessingDocumentType.Document && doc.MainDocumentPart?.Document?.Body is not null;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException
            or System.Xml.XmlException or InvalidOperationException)
        {
            return false;
        }
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/report", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var file = await Beacon.Platform.Files.Uploads.FormFileAsync(request, ct, "Response.ReportFile");
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await Handle(id, file.FileName, stream, db, outbox, ct));
            })
            .WithName("FileHandlingReport")
            .WithSummary("The commander files the finalised report (form field 'file', .docx up to 10 MB) once the response is terminated; it becomes reported.")
            .DisableAntiforgery()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
