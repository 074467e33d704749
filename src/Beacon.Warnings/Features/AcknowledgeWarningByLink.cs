using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class AcknowledgeWarningByLink
{
    /// <summary>The link in the e-mail: signed for one delivery, good once.</summary>
    public static async Task<Guid> Handle(string? token, BeaconDbContext db, AckLinks links, CancellationToken ct)
    {
        db.Actor.SetSystem("acknowledgement-link");
        var id = links.Read(token) ?? throw new DomainException(Text.Get("Warning.AckLinkBad"));
        var delivery = await db.Set<WarningDelivery>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException(Text.Get("Warning.AckLinkBad"));
        if (!delivery.Acknowledge(delivery.UserId, "email", db.Time.GetUtcNow()))
        {
            throw new ConflictException(Text.Get("Warning.AckLinkUsed"));
        }
        await db.SaveChangesAsync(ct);
        return delivery.WarningId;
    }

    /// <summary>Outside the API group: the recipient follows the link from their mailbox, without a bearer token.</summary>
    internal static void Map(IEndpointRouteBuilder routes)
    {
        // Opening the link only shows a button: mail scanners fetch every link, and must not acknowledge for the recipient.
        routes.MapGet("/api/warnings/ack", (string? token) =>
            {
                var t = System.Net.WebUtility.HtmlEncode(token ?? "");
                return Results.Content($"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{Text.Get("Warning.AckPageTitle")}</title>" +
                    $"<form method=\"post\" action=\"/api/warnings/ack\"><input type=\"hidden\" name=\"token\" value=\"{t}\">" +
                    $"<button type=\"submit\">{Text.Get("Warning.AckPageButton")}</button></form></html>", "text/html", System.Text.Encoding.UTF8);
            })
            .AllowAnonymous().WithTags("Warnings").WithName("AcknowledgementPage")
            .WithSummary("The page behind the e-mail's acknowledgement link: one button that posts the token.");
        routes.MapPost("/api/warnings/ack", async Task<IResult> ([FromForm] string? token, BeaconDbContext db, AckLinks links, CancellationToken ct) =>
            {
                var id = await Handle(token, db, links, ct);
                return Results.Text(Text.Get("Warning.Acknowledged", id), "text/plain", System.Text.Encoding.UTF8);
            })
            .AllowAnonymous().DisableAntiforgery().WithTags("Warnings").WithName("AcknowledgeWarningByLink")
            .WithSummary("Acknowledges the delivery a signed, single-use, week-long token names; used again: 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
