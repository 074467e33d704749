using Beacon.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Identity.Features;

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
                    case SignInOutcome.TwoFactorRequired:
                        return TypedResults.Problem(title: "Two-factor code required",
                            detail: "This account uses an authenticator app: send its current 6-digit code as 'totp'.",
                            statusCode: StatusCodes.Status401Unauthorized, extensions: new Dictionary<string, object?> { ["totpRequired"] = true });
                    case SignInOutcome.TwoFactorEnrollmentRequired:
                        return TypedResults.Problem(title: "Two-factor enrolment required",
                            detail: "The security policy requires two-factor sign-in for administrators. Sign in to the web UI once to set up an authenticator app.",
                            statusCode: StatusCodes.Status403Forbidden);
                    // A locked account answers as an unknown one does, so the answer does not tell which user names exist.
                    case SignInOutcome.Invalid or SignInOutcome.LockedOut:
                        return TypedResults.Problem(title: "Sign-in failed",
                            detail: "The user name or password is incorrect, or the account is locked for a while after too many failed sign-ins.",
                            statusCode: StatusCodes.Status401Unauthorized);
                }
                var user = result.User!;
                var principal = await signIn.CreateUserPrincipalAsync(user);
                var now = db.Time.GetUtcNow();
                var props = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
                var ticket = new AuthenticationTicket(principal, props, $"{IdentityConstants.BearerScheme}:AccessToken");
                var token = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
                db.Actor.SetUser(user.Id, user.UserName!, user.UnitId, await db.UnitPathAsync(user.UnitId), []);
                db.AuditEvent("auth.token-issued", "user", user.Id.ToString());
                await db.SaveChangesAsync();
                return TypedResults.Ok(new Response(token, "Bearer", (long)Lifetime.TotalSeconds));
            })
            .AllowAnonymous()
            .RequireRateLimiting(BeaconAuth.LoginRateLimit)
            .WithName("IssueToken")
            .WithSummary("Exchanges user name, password and (if enabled) a TOTP code for a bearer access token.");
    }
}
