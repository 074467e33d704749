using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Beacon.Web;

/// <summary>
/// Re-checks an open UI circuit against the database every minute: a disabled account, a changed
/// password or role (security stamp) signs the circuit out without waiting for the next page load.
/// </summary>
public sealed class RevalidatingAuthState(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        return await ActorResolver.TryResolveAsync(state.User, db, identity.Value, ct);
    }
}

public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        // Called by session.js while the user is active in an interactive page, which sends no other
        // HTTP requests: it keeps the cookie's idle clock (checked on every request) from running out.
        routes.MapGet("/session/ping", () => Results.NoContent()).RequireAuthorization().ExcludeFromDescription();
        routes.MapGet("/session/expired", async (SignInManager<BeaconUser> signIn, HttpContext http) =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    await signIn.SignOutAsync();
                }
                return Results.LocalRedirect("/login?expired=1");
            })
            .ExcludeFromDescription();
        return routes;
    }
}
