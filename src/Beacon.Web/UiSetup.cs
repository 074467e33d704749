using System.Globalization;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Units.Features;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Beacon.Web;

public static class UiSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static readonly RequestLocalizationOptions Localization = new()
    {
        DefaultRequestCulture = new RequestCulture("zh-CN"),
        SupportedCultures = Cultures,
        SupportedUICultures = Cultures,
        RequestCultureProviders =
        [
            // The API speaks English unless the caller asks for Chinese.
            new CustomRequestCultureProvider(http => Task.FromResult(http.Request.Path.StartsWithSegments("/api")
                ? new ProviderCultureResult(PrefersChinese(http) ? "zh-CN" : "en")
                : null)),
            // In the UI only the user's own choice (cookie) switches language; the browser's header does not.
            new CookieRequestCultureProvider(),
        ],
    };

    private static bool PrefersChinese(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault()?.Value.Value?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;

    public static IServiceCollection AddBeaconUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthState>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<UiActor>();
        services.AddTransient<Components.Shared.PageAction>();
        return services;
    }

    public static IEndpointRouteBuilder MapUiEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/culture", (string? culture, string? redirectUri, HttpContext http) =>
            {
                var chosen = Cultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                return Results.LocalRedirect(Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(redirectUri) ? redirectUri! : "/");
            })
            .ExcludeFromDescription();
        routes.MapPost("/logout", async (SignInManager<BeaconUser> signIn, BeaconDbContext db) =>
            {
                if (db.Actor.IsAuthenticated)
                {
                    db.AuditEvent("auth.signed-out", "user", db.Actor.UserId.ToString());
                    await db.SaveChangesAsync();
                }
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/login");
            })
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        // The UI's downloads: same handlers as the API's export, on the browser's cookie.
        routes.MapGet("/ui/units/export.csv", async (BeaconDbContext db, CancellationToken ct) =>
                Results.File(ExportUnits.ToCsv(await ExportUnits.Rows(db, ct)), "text/csv; charset=utf-8", "units.csv"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapGet("/ui/units/export.xlsx", async (BeaconDbContext db, CancellationToken ct) =>
                Results.File(ExportUnits.ToXlsx(await ExportUnits.Rows(db, ct)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "units.xlsx"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapGet("/ui/responses/{id:guid}/report.docx", async (Guid id, BeaconDbContext db, LocalTime time, CancellationToken ct) =>
            {
                var (content, name) = await Beacon.Responses.Features.GetHandlingReport.Handle(id, db, time, ct);
                return Results.File(content, Beacon.Responses.Features.GetHandlingReport.DocxType, name);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapGet("/ui/responses/{id:guid}/tasks/{taskId:guid}/files/{fileId:guid}", async (Guid id, Guid taskId, Guid fileId, BeaconDbContext db,
                Beacon.Platform.Files.Uploads uploads, CancellationToken ct) =>
            {
                var (file, content) = await Beacon.Responses.Features.GetTaskFile.Handle(id, taskId, fileId, db, uploads, ct);
                return Results.Stream(content, file.ContentType, file.FileName);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapGet("/ui/hazards/export.xlsx", async ([AsParameters] Beacon.Hazards.Features.HazardFilterQuery f, HttpContext http, BeaconDbContext db,
                LocalTime time, CancellationToken ct) =>
            {
                http.Response.ContentType = Beacon.Hazards.Features.ExportHazards.XlsxType;
                http.Response.Headers.ContentDisposition = "attachment; filename=\"hazards.xlsx\"; filename*=UTF-8''%E9%9A%90%E6%82%A3%E5%8F%B0%E8%B4%A6.xlsx";
                await Beacon.Hazards.Features.ExportHazards.Handle(f.ToFilter(), http.Response.Body, db, time, ct);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapGet("/ui/hazards/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, BeaconDbContext db, Beacon.Platform.Files.Uploads uploads,
                CancellationToken ct) =>
            {
                var (file, content) = await Beacon.Hazards.Features.GetHazardFile.Handle(id, fileId, db, uploads, ct);
                return Results.Stream(content, file.ContentType, file.FileName);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        routes.MapSessionEndpoints();
        return routes;
    }
}

/// <summary>
/// Runs one UI operation in its own DI scope, with the actor resolved from the circuit's signed-in
/// user the same way the API does it, so pages go through the same handlers, scope and audit.
/// </summary>
public sealed class UiActor(IServiceScopeFactory scopes, AuthenticationStateProvider auth, IOptions<IdentityOptions> identity,
    SecurityPolicyProvider policies, Microsoft.AspNetCore.Components.NavigationManager nav)
{
    public async Task<T> Run<T>(Func<IServiceProvider, BeaconDbContext, Task<T>> work, CancellationToken ct = default)
    {
        var state = await auth.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        if (!await ActorResolver.TryResolveAsync(state.User, db, identity.Value, ct))
        {
            throw new ForbiddenException(Text.Get("Forbidden.SessionEnded"));
        }
        if (db.Actor.MustEnrolTwoFactor(policies.Current) && !nav.ToBaseRelativePath(nav.Uri).StartsWith("account/two-factor", StringComparison.Ordinal))
        {
            throw new TwoFactorEnrolmentRequiredException();
        }
        return await work(scope.ServiceProvider, db);
    }

    /// <summary>For account work: the user manager of the same scope as the context, so both see one transaction.</summary>
    public Task<T> RunWithUsers<T>(Func<BeaconDbContext, UserManager<BeaconUser>, Task<T>> work, CancellationToken ct = default) =>
        Run((sp, db) => work(db, sp.GetRequiredService<UserManager<BeaconUser>>()), ct);

    public Task RunWithUsers(Func<BeaconDbContext, UserManager<BeaconUser>, Task> work, CancellationToken ct = default) =>
        Run((sp, db) => work(db, sp.GetRequiredService<UserManager<BeaconUser>>()), ct);

    public Task Run(Func<IServiceProvider, BeaconDbContext, Task> work, CancellationToken ct = default) =>
        Run<bool>(async (sp, db) =>
        {
            await work(sp, db);
            return true;
        }, ct);
}

/// <summary>The policy requires this administrator to set up two-factor sign-in before anything else.</summary>
public sealed class TwoFactorEnrolmentRequiredException() : ForbiddenException(Text.Get("TwoFactor.Required"));
