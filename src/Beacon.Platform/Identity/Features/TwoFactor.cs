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
        var code = (r.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = [Text.Get("TwoFactor.BadCode")] });
        }
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    public static async Task Disable(BeaconDbContext db, UserManager<BeaconUser> users, SecurityPolicyProvider policies)
    {
        var user = await users.FindByIdAsync(db.Actor.RequireUserId().ToString()) ?? throw new NotFoundException("Entity.User", db.Actor.UserId!);
        if (policies.Current.RequireTwoFactorForAdministrators && db.Actor.Roles.Any(Domain.Roles.IsAdministrator))
        {
            throw new DomainException(Text.Get("TwoFactor.Required"));
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>True for an administrator without two-factor sign-in while the policy requires it.</summary>
    public static async Task<bool> MustEnrol(BeaconDbContext db, UserManager<BeaconUser> users, SecurityPolicyProvider policies)
    {
        if (!policies.Current.RequireTwoFactorForAdministrators || !db.Actor.Roles.Any(Domain.Roles.IsAdministrator))
        {
            return false;
        }
        var user = await users.FindByIdAsync(db.Actor.RequireUserId().ToString());
        return user is { TwoFactorEnabled: false };
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
        api.MapDelete("/me/two-factor", async Task<NoContent> (BeaconDbContext db, UserManager<BeaconUser> users, SecurityPolicyProvider policies) =>
            {
                await Disable(db, users, policies);
                return TypedResults.NoContent();
            })
            .WithName("DisableTwoFactor")
            .WithSummary("Turns off two-factor sign-in, unless the policy requires it for the caller.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
