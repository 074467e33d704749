using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public sealed record SecurityPolicyResponse(int PasswordMinLength, int PasswordMinCharacterClasses, int LockoutThreshold,
    int LockoutMinutes, int IdleTimeoutMinutes, bool RequireTwoFactorForAdministrators)
{
    public static SecurityPolicyResponse From(SecurityPolicy p) => new(p.PasswordMinLength, p.PasswordMinCharacterClasses,
        p.LockoutThreshold, p.LockoutMinutes, p.IdleTimeoutMinutes, p.RequireTwoFactorForAdministrators);
}

public static class GetSecurityPolicy
{
    public static async Task<SecurityPolicyResponse> Handle(BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.SecurityPolicyManage);
        return SecurityPolicyResponse.From(await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct) ?? SecurityPolicy.Default());
    }

    internal static void Map(RouteGroupBuilder security)
    {
        security.MapGet("/policy", async Task<Ok<SecurityPolicyResponse>> (BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Handle(db, ct)))
            .WithName("GetSecurityPolicy")
            .WithSummary("Password, lockout and session rules (security administrator).");
    }
}
