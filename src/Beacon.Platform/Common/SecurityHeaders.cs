using Microsoft.AspNetCore.Http;

namespace Beacon.Platform.Common;

/// <summary>
/// Headers every answer carries: no type sniffing (an uploaded file is served as what it was checked to be), no
/// referrer (links can carry acknowledgement tokens), never framed; pages also get a Content-Security-Policy that
/// allows only this site's own scripts (Blazor Server needs nothing else).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Inline style attributes are how components colour bands and bars; no inline script is allowed.
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (/docs) is a third-party single-page app with its own inline scripts.
    private const string DocsPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // Replaces the interactive render mode's own "frame-ancestors 'self'": this runs last, as the response starts.
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") ? DocsPolicy : PagePolicy;
            return Task.CompletedTask;
        });
        return next(http);
    }
}
