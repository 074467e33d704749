using System.Xml.Linq;
using Beacon.Platform.Data;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

/// <summary>The Atom feed of public warnings in force: no login, each entry linking to its CAP message.</summary>
public static class GetWarningFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Cap = CapXml.Namespace;

    /// <summary>
    /// Public warnings in force for everyone; a caller with a valid bearer token also gets the restricted ones
    /// they may read (their office's and those issued to them from above).
    /// </summary>
    public static async Task<string> Handle(BeaconDbContext db, WarningOptions options, string baseUrl, System.Security.Claims.ClaimsPrincipal? caller,
        Microsoft.AspNetCore.Identity.IdentityOptions identity, CancellationToken ct)
    {
        var restricted = new List<Warning>();
        if (caller is not null && await Beacon.Platform.Identity.ActorResolver.TryResolveAsync(caller, db, identity, ct)
            && db.Actor.Has(Beacon.Platform.Identity.Domain.Permissions.WarningsRead))
        {
            restricted = await db.Readable<Warning>().AsNoTracking().Where(w => !w.IsPublic && w.State == WarningState.Issued)
                .OrderByDescending(w => w.IssuedAt).Take(100).ToListAsync(ct);
        }
        // Public warnings are public whatever the caller's scope: read as the platform.
        db.Actor.SetSystem("public-feed");
        var warnings = (await db.Set<Warning>().AsNoTracking().Where(w => w.IsPublic && w.State == WarningState.Issued)
            .OrderByDescending(w => w.IssuedAt).Take(100).ToListAsync(ct)).Concat(restricted).OrderByDescending(w => w.IssuedAt).ToList();
        var updated = warnings.Select(w => w.Current.Sent ?? w.IssuedAt).Max() ?? db.Time.GetUtcNow();
        var codes = warnings.Select(w => w.EventTypeCode).Distinct().ToList();
        var events = await db.Set<Beacon.Reports.Domain.EventType>().AsNoTracking().Where(t => codes.Contains(t.Code))
            .ToDictionaryAsync(t => t.Code, t => t.NameZh, ct);
        // The feed stays small whatever the warnings say: the entry's summary is cut, the CAP message has it all.
        static string Cut(string? text) => text is null || text.Length <= 500 ? text ?? "" : text[..499] + "…";
        var feed = new XElement(Atom + "feed", new XAttribute(XNamespace.Xmlns + "cap", CapXml.Namespace),
            new XElement(Atom + "id", $"{baseUrl}/api/warnings/feed.atom"),
            new XElement(Atom + "title", $"{options.SenderName} 预警信息"),
            new XElement(Atom + "updated", CapXml.FormatTime(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", options.SenderName)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{baseUrl}/api/warnings/feed.atom")),
            warnings.Select(w =>
            {
                var v = w.Current;
                var cap = w.IsPublic ? $"{baseUrl}/api/warnings/{w.Id}/public.cap" : $"{baseUrl}/api/warnings/{w.Id}/cap";
                return new XElement(Atom + "entry",
                    // One entry per warning, updated with each version; its id an IRI that never changes.
                    new XElement(Atom + "id", $"urn:uuid:{w.Id}"),
                    new XElement(Atom + "title", $"{Colours.NameZh(v.Colour)}预警：{v.Content.Headline}"),
                    new XElement(Atom + "updated", CapXml.FormatTime(v.Sent!.Value)),
                    new XElement(Atom + "summary", Cut(v.Content.Description)),
                    new XElement(Atom + "link", new XAttribute("type", CapXml.MediaType), new XAttribute("href", cap)),
                    new XElement(Cap + "event", events.GetValueOrDefault(w.EventTypeCode, w.EventTypeCode)),
                    new XElement(Cap + "severity", Colours.Severity(v.Colour)),
                    new XElement(Cap + "urgency", v.Content.Urgency),
                    new XElement(Cap + "certainty", v.Content.Certainty),
                    new XElement(Cap + "expires", CapXml.FormatTime(v.Content.Expires!.Value)),
                    new XElement(Cap + "areaDesc", Cut(v.Content.AreaDescription)));
            }));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString();
    }

    /// <summary>Outside the API group: anyone may read the feed.</summary>
    internal static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/warnings/feed.atom", async Task<IResult> (HttpContext http, BeaconDbContext db, IOptions<WarningOptions> o,
                IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identity, Microsoft.Extensions.Configuration.IConfiguration configuration,
                CancellationToken ct) =>
            {
                // No login needed; a bearer token, when sent, adds the restricted warnings the caller may read.
                var auth = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(http,
                    Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme);
                // The configured public address names the feed; the Host header is the caller's to choose.
                var baseUrl = configuration["Beacon:PublicUrl"]?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";
                var feed = await Handle(db, o.Value, baseUrl, auth.Succeeded ? auth.Principal : null, identity.Value, ct);
                return Results.Text(feed, "application/atom+xml", System.Text.Encoding.UTF8);
            })
            .AllowAnonymous().WithTags("Warnings").WithName("WarningFeed")
            .WithSummary("Atom feed of the public warnings in force (no login); with a bearer token also the restricted ones the caller may read. Entries link to their CAP messages.");
    }
}
