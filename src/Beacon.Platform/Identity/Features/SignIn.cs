using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Identity.Features;

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
    TwoFactorRequired,
    TwoFactorEnrollmentRequired,
}

public sealed record SignInCheck(SignInOutcome Outcome, BeaconUser? User, DateTimeOffset? LockedUntil = null);

/// <summary>Password and TOTP checks shared by the API token endpoint and the browser login page.</summary>
public static class SignIn
{
    public static async Task<SignInCheck> CheckAsync(string? userName, string? password, string? totp,
        BeaconDbContext db, SignInManager<BeaconUser> signIn, SecurityPolicyProvider policies)
    {
        // Sign-in happens before anyone is known: look the account up as the platform, and be nobody
        // again afterwards; the caller sets the user once it has decided to sign them in.
        db.Actor.SetSystem("sign-in");
        try
        {
            return await CheckAsSystemAsync(userName, password, totp, db, signIn, policies);
        }
        finally
        {
            db.Actor.SetAnonymous();
        }
    }

    private static async Task<SignInCheck> CheckAsSystemAsync(string? userName, string? password, string? totp,
        BeaconDbContext db, SignInManager<BeaconUser> signIn, SecurityPolicyProvider policies)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new(SignInOutcome.Invalid, null);
        }
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || user.IsDisabled)
        {
            db.AuditEvent("auth.failed", "user", null, new { userName = userName.Trim(), reason = user is null ? "unknown" : "disabled" });
            await db.SaveChangesAsync();
            return new(SignInOutcome.Invalid, null);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            db.AuditEvent("auth.locked-out", "user", user.Id.ToString());
            await db.SaveChangesAsync();
            return new(SignInOutcome.LockedOut, user, user.LockoutEnd);
        }
        if (!check.Succeeded)
        {
            return new(SignInOutcome.Invalid, null);
        }

        var roles = await users.GetRolesAsync(user);
        var mustUse2fa = policies.Current.RequireTwoFactorForAdministrators && roles.Any(Roles.IsAdministrator);
        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(totp))
            {
                return new(SignInOutcome.TwoFactorRequired, user);
            }
            var ok = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, totp.Replace(" ", "", StringComparison.Ordinal));
            if (!ok)
            {
                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user)
                    ? new(SignInOutcome.LockedOut, user, user.LockoutEnd)
                    : new(SignInOutcome.Invalid, null);
            }
        }
        else if (mustUse2fa)
        {
            return new(SignInOutcome.TwoFactorEnrollmentRequired, user);
        }
        await users.ResetAccessFailedCountAsync(user);
        return new(SignInOutcome.Succeeded, user);
    }
}

public static class IssueToken
{
    public sealed record Request(string? Username, string? Password, string? Totp);

    public sealed record Response(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] long ExpiresIn);

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/token", async Task<Results<Ok<Response>, ProblemHttpResult>> (Request request, BeaconDbContext db,
                SignInManager<BeaconUser> signIn, SecurityPolicyProvider policies, IOptionsMonitor<BearerTokenOptions> bearer) =>
            {
                var result = await SignIn.CheckAsync(request.Username, request.Password, request.Totp, db, signIn, policies);
                switch (result.Outcome)
                {
                    case SignInOutcome.LockedOut:
                        return TypedResults.Problem(title: "Account locked",
                            detail: $"Too many failed sign-ins. Try again after {result.LockedUntil:yyyy-MM-dd HH:mm} UTC.",
                            statusCode: StatusCodes.Status401Unauthorized);
                    case SignInOutcome.TwoFactorRequired:
                        return TypedResults.Problem(title: "Two-factor code required",
                            detail: "This account uses an authenticator app: send its current 6-digit code as 'totp'.",
                            statusCode: StatusCodes.Status401Unauthorized, extensions: new Dictionary<string, object?> { ["totpRequired"] = true });
                    case SignInOutcome.TwoFactorEnrollmentRequired:
                        return TypedResults.Problem(title: "Two-factor enrolment required",
                            detail: "The security policy requires two-factor sign-in for administrators. Sign in to the web UI once to set up an authenticator app.",
                            statusCode: StatusCodes.Status403Forbidden);
                    case SignInOutcome.Invalid:
                        return TypedResults.Problem(title: "Sign-in failed", detail: "The user name or password is incorrect.",
                            statusCode: StatusCodes.Status401Unauthorized);
                }
                var user = result.User!;
                var principal = await signIn.CreateUserPrincipalAsync(user);
                var now = db.Time.GetUtcNow();
                var props = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
                var ticket = new AuthenticationTicket(principal, props, $"{IdentityConstants.BearerScheme}:AccessToken");
                var token = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
                db.Actor.SetUser(user.Id, user.UserName!, user.UnitId, await UnitPath(db, user.UnitId), []);
                db.AuditEvent("auth.token-issued", "user", user.Id.ToString());
                await db.SaveChangesAsync();
                return TypedResults.Ok(new Response(token, "Bearer", (long)Lifetime.TotalSeconds));
            })
            .AllowAnonymous()
            .RequireRateLimiting(BeaconAuth.LoginRateLimit)
            .WithName("IssueToken")
            .WithSummary("Exchanges user name, password and (if enabled) a TOTP code for a bearer access token.");
    }

    internal static async Task<string> UnitPath(BeaconDbContext db, Guid unitId) =>
        await db.Units.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync();
}

public static class GetMe
{
    public sealed record Response(Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitCode, string UnitName,
        IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, bool TwoFactorEnabled);

    public static async Task<Response> Handle(BeaconDbContext db, CancellationToken ct)
    {
        var id = db.Actor.RequireUserId();
        var u = await db.Users.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("Entity.User", id);
        var roles = db.Actor.Roles.Order(StringComparer.Ordinal).ToList();
        var perms = roles.SelectMany(Domain.Permissions.Of).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Response(u.Id, u.UserName!, u.DisplayName, u.UnitId, u.Unit!.Code, u.Unit.NameZh, roles, perms, u.TwoFactorEnabled);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Ok<Response>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("GetMe")
            .WithSummary("The signed-in user: unit, roles and what they permit.");
    }
}
