using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Identity.Features;

/// <summary>Each user's own authenticator-app (TOTP) enrolment.</summary>
public static class TwoFactor
{
    public sealed record SetupResponse(bool Enabled, string SharedKey, string AuthenticatorUri);

    public sealed record EnableRequest(string? Code);

    public static async Task<SetupResponse> Setup(BeaconDbContext db, UserManager<BeaconUser> users)
    {
        var user = await users.FindByIdAsync(db.Actor.RequireUserId().ToString()) ?? throw new NotFoundException("Entity.User", db.Actor.UserId!);
        if (user.TwoFactorEnabled)
        {
            // Once in use the secret is never shown again.
            return new SetupResponse(true, "", "");
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that renews the security stamp and would end the session asking for the key.
            key = await ((BeaconUserManager)users).CreateAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Beacon")}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=Beacon&digits=6";
        return new SetupResponse(user.TwoFactorEnabled, key!, uri);
    }

    public static async Task Enable(EnableRequest r, BeaconDbContext db, UserManager<BeaconUser> users)
    {
        var user = await users.FindByIdAsync(db.Actor.RequireUserId().ToString()) ?? throw new NotFoundException("Entity.User", db.Actor.UserId!);
        await VerifyCode(user, r.Code, users);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    public static async Task Disable(EnableRequest r, BeaconDbContext db, UserManager<BeaconUser> users, SecurityPolicyProvider policies)
    {
        var user = await users.FindByIdAsync(db.Actor.RequireUserId().ToString()) ?? throw new NotFoundException("Entity.User", db.Actor.UserId!);
        if (policies.Current.RequireTwoFactorForAdministrators && db.Actor.Roles.Any(Domain.Roles.IsAdministrator))
        {
            throw new DomainException(Text.Get("TwoFactor.Required"));
        }
        // Whoever turns it off proves they hold the authenticator, not just an open session.
        await VerifyCode(user, r.Code, users);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    private static async Task VerifyCode(BeaconUser user, string? raw, UserManager<BeaconUser> users)
    {
        var code = (raw ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = [Text.Get("TwoFactor.BadCode")] });
        }
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me/two-factor", async Task<Ok<SetupResponse>> (BeaconDbContext db, UserManager<BeaconUser> users) => TypedResults.Ok(await Setup(db, users)))
            .WithName("GetTwoFactorSetup")
            .WithSummary("The caller's authenticator key and otpauth URI (creates a key when there is none).");
        api.MapPost("/me/two-factor", async Task<NoContent> (EnableRequest request, BeaconDbContext db, UserManager<BeaconUser> users) =>
            {
                await Enable(request, db, users);
                return TypedResults.NoContent();
            })
            .WithName("EnableTwoFactor")
            .WithSummary("Turns on two-factor sign-in after checking a current code from the app.")
            .ProducesValidationProblem();
        api.MapPost("/me/two-factor/disable", async Task<NoContent> (EnableRequest request, BeaconDbContext db, UserManager<BeaconUser> users, SecurityPolicyProvider policies) =>
            {
                await Disable(request, db, users, policies);
                return TypedResults.NoContent();
            })
            .WithName("DisableTwoFactor")
            .WithSummary("Turns off two-factor sign-in with a current code, unless the policy requires it for the caller.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
