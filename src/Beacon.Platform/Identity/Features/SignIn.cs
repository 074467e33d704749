using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Identity;

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
            // People type passwords into the name field; the append-only trail keeps only a fingerprint.
            var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(userName.Trim().ToUpperInvariant())))[..12];
            db.AuditEvent("auth.failed", "user", user?.Id.ToString(), new { userNameFingerprint = fingerprint, reason = user is null ? "unknown" : "disabled" });
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
