using System.Threading.RateLimiting;
using Beacon.Platform.Audit.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Features;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Features;
using Beacon.Platform.Notifications;
using Beacon.Platform.Units.Features;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Beacon.Platform;

public static class BeaconAuth
{
    public const string Scheme = "beacon";
    public const string LoginRateLimit = "login";
    public const string LastSeenKey = "beacon.last-seen";
    public const string SignedInKey = "beacon.signed-in";
    /// <summary>A browser session ends this long after sign-in, however active.</summary>
    public static readonly TimeSpan MaxSession = TimeSpan.FromHours(12);
}

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "sqlite";
    public string? ConnectionString { get; set; }
}

/// <summary>Entry point of the platform: units and scope, identity, audit trail.</summary>
public static class PlatformModule
{
    /// <summary>Registers the database, identity, authentication, problem details and the platform's handlers.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.AddSingleton<SecurityPolicyProvider>();
        services.AddSingleton<LocalTime>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new WindowedDateTimeOffsetConverter());
            o.SerializerOptions.Converters.Add(new WindowedDateOnlyConverter());
        });
        services.Configure<Files.FileOptions>(configuration.GetSection("Beacon:Files"));
        // Uploaded files live outside the web root, in the data directory unless configured.
        var files = configuration["Beacon:Files:Root"] ?? Path.Combine(dataDirectory, "files");
        services.TryAddSingleton<Files.IFileStore>(new Files.LocalFileStore(Path.GetFullPath(files)));
        services.AddSingleton<Files.Uploads>();
        Notifications.NotificationsModule.AddNotifications(services, configuration);

        var db = configuration.GetSection("Beacon:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (db.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                var cs = db.ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "beacon.db")}";
                EnsureSqliteDirectory(cs);
                services.AddDbContext<BeaconDbContext, SqliteBeaconDbContext>(o => o.UseSqlite(cs, b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)));
                break;
            case "postgres" or "postgresql":
                services.AddDbContext<BeaconDbContext, PostgresBeaconDbContext>(o => o.UseNpgsql(
                    db.ConnectionString ?? throw new InvalidOperationException("Beacon:Database:ConnectionString is required for PostgreSQL."),
                    b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)));
                break;
            default:
                throw new InvalidOperationException($"Unknown Beacon:Database:Provider '{db.Provider}': use 'sqlite' or 'postgres'.");
        }
        Scheduling.SchedulingServices.AddScheduling(services, configuration, db);

        var keys = configuration["Beacon:DataProtection:KeysPath"] ?? Path.Combine(dataDirectory, "keys");
        var protection = services.AddDataProtection().SetApplicationName("Beacon").PersistKeysToFileSystem(new DirectoryInfo(keys));
        // The keys sign tokens and cookies: whoever reads them can sign in as anyone. Encrypted with a certificate kept
        // outside the data folder, a copy of ./data alone is useless.
        if (KeyProtection.Certificate(configuration) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }

        services.AddIdentity<BeaconUser, BeaconRole>(o =>
            {
                // The stored policy decides; PolicyPasswordValidator and BeaconUserManager apply it.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<BeaconDbContext>()
            .AddUserManager<BeaconUserManager>()
            .AddClaimsPrincipalFactory<BeaconClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PolicyPasswordValidator>();
        services.RemoveAll<IPasswordValidator<BeaconUser>>();
        services.AddScoped<IPasswordValidator<BeaconUser>, PolicyPasswordValidator>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BeaconAuth.Scheme;
                o.DefaultAuthenticateScheme = BeaconAuth.Scheme;
                o.DefaultChallengeScheme = BeaconAuth.Scheme;
                o.DefaultForbidScheme = BeaconAuth.Scheme;
            })
            .AddPolicyScheme(BeaconAuth.Scheme, "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = IssueToken.Lifetime);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "beacon.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/forbidden";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = false;
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateCookie;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(BeaconAuth.LoginRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Beacon:Security:LoginAttemptsPerMinute", 20);
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            // The browser's sign-in form posts to /login: the same limit applies there.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter("login-form:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Beacon:Security:LoginAttemptsPerMinute", 20),
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter("none"));
            o.OnRejected = async (ctx, ct) =>
            {
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                // The window is a minute: say when to come back rather than let clients hammer.
                ctx.HttpContext.Response.Headers.RetryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many sign-in attempts", Detail = "Wait a minute before trying again." },
                });
            };
        });

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddHealthChecks().AddDbContextCheck<BeaconDbContext>("database", tags: ["ready"],
            customTestQuery: async (ctx, ct) => await ctx.Database.CanConnectAsync(ct) && !(await ctx.Database.GetPendingMigrationsAsync(ct)).Any());
        return services;
    }

    /// <summary>Maps the platform's API: auth, units, users, roles, security policy, audit.</summary>
    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder routes)
    {
        // The API takes bearer tokens only: a browser's cookie cannot be ridden into it (CSRF), and the
        // UI calls the handlers directly rather than through /api.
        var api = routes.MapApiGroup("/api");

        IssueToken.Map(api.MapGroup("/auth").WithTags("Auth"));
        GetMe.Map(api.MapGroup("").WithTags("Me"));
        TwoFactor.Map(api.MapGroup("").WithTags("Me"));

        var units = api.MapGroup("/units").WithTags("Units");
        ListUnits.Map(units);
        GetUnit.Map(units);
        CreateUnit.Map(units);
        UpdateUnit.Map(units);
        DeleteUnit.Map(units);
        ExportUnits.Map(units);
        ImportUnits.Map(units);

        var users = api.MapGroup("/users").WithTags("Users");
        ListUsers.Map(users);
        CreateUser.Map(users);
        UpdateUser.Map(users);
        ResetPassword.Map(users);
        SetUserRoles.Map(users);
        SetUserAuthority.Map(users);
        ListRoles.Map(api.MapGroup("").WithTags("Users"));

        GetDeadlinePolicies.Map(api);
        SetDeadlinePolicies.Map(api);

        var security = api.MapGroup("/security").WithTags("Security");
        GetSecurityPolicy.Map(security);
        UpdateSecurityPolicy.Map(security);

        Notifications.NotificationsModule.Map(api);
        routes.MapNotificationHub();

        var audit = api.MapGroup("/audit").WithTags("Audit");
        ListAudit.Map(audit);
        VerifyAudit.Map(audit);
        return routes;
    }

    /// <summary>Resolves the signed-in principal into the request's <see cref="CurrentActor"/>; a stale one is refused.</summary>
    public static IApplicationBuilder UseCurrentActor(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var db = http.RequestServices.GetRequiredService<BeaconDbContext>();
        var identity = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        db.Actor.SetAnonymous();
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (signedIn && !await ActorResolver.TryResolveAsync(http.User, db, identity, http.RequestAborted))
        {
            // Disabled, locked, deleted or re-stamped since the token or cookie was issued.
            if (bearer)
            {
                await Unauthorized(http, "Token no longer valid", Common.Text.Get("Forbidden.SessionEnded"));
                return;
            }
            http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        else if (signedIn && db.Actor.MustEnrolTwoFactor(http.RequestServices.GetRequiredService<SecurityPolicyProvider>().Current))
        {
            // Signed in, but sees and does nothing until two-factor sign-in is set up (the UI's enrolment page).
            db.Actor.SetAnonymous();
            if (bearer)
            {
                await Unauthorized(http, "Two-factor enrolment required", Common.Text.Get("TwoFactor.Required"));
                return;
            }
        }
        await next(http);
    });

    private static async Task Unauthorized(HttpContext http, string title, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = title, Detail = detail },
        });
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // Idle timeout from the stored policy: the cookie carries the last time it was used. Read it before
    // the security-stamp check, which resets IssuedUtc when it re-issues the cookie.
    private static async Task ValidateCookie(CookieValidatePrincipalContext ctx)
    {
        var services = ctx.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var policy = services.GetRequiredService<SecurityPolicyProvider>().Current;
        var last = ctx.Properties.Items.TryGetValue(BeaconAuth.LastSeenKey, out var s) && long.TryParse(s, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : ctx.Properties.IssuedUtc ?? now;
        var signedInAt = ctx.Properties.Items.TryGetValue(BeaconAuth.SignedInKey, out var si) && long.TryParse(si, out var sms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(sms)
            : ctx.Properties.IssuedUtc ?? now;
        if (now - last > TimeSpan.FromMinutes(policy.IdleTimeoutMinutes) || now - signedInAt > BeaconAuth.MaxSession)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // The stamp check looks the user up before anyone is resolved: as the platform, then back to nobody.
        var actor = services.GetRequiredService<CurrentActor>();
        actor.SetSystem("session-check");
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(ctx);
        }
        finally
        {
            actor.SetAnonymous();
        }
        if (ctx.Principal is not null && !ctx.Properties.Items.ContainsKey(BeaconAuth.SignedInKey))
        {
            // Renewals move IssuedUtc; the sign-in time travels in the cookie instead.
            ctx.Properties.Items[BeaconAuth.SignedInKey] = signedInAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            ctx.ShouldRenew = true;
        }
        if (ctx.Principal is not null && now - last > TimeSpan.FromSeconds(30))
        {
            ctx.Properties.Items[BeaconAuth.LastSeenKey] = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            ctx.ShouldRenew = true;
        }
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(dir);
        }
    }
}
