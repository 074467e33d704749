using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

public static class UpdateSecurityPolicy
{
    public sealed record Request(int PasswordMinLength, int PasswordMinCharacterClasses, int LockoutThreshold,
        int LockoutMinutes, int IdleTimeoutMinutes, bool RequireTwoFactorForAdministrators);

    public static async Task<SecurityPolicyResponse> Handle(Request r, BeaconDbContext db, SecurityPolicyProvider provider, CancellationToken ct)
    {
        db.Actor.RequireInstallationWide(Permissions.SecurityPolicyManage);
        var policy = await db.SecurityPolicies.FirstOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct);
        if (policy is null)
        {
            policy = SecurityPolicy.Default();
            db.SecurityPolicies.Add(policy);
        }
        policy.Update(r.PasswordMinLength, r.PasswordMinCharacterClasses, r.LockoutThreshold, r.LockoutMinutes,
            r.IdleTimeoutMinutes, r.RequireTwoFactorForAdministrators);
        await db.SaveChangesAsync(ct);
        provider.Invalidate();
        return SecurityPolicyResponse.From(policy);
    }

    internal static void Map(RouteGroupBuilder security)
    {
        security.MapPut("/policy", async Task<Ok<SecurityPolicyResponse>> (Request request, BeaconDbContext db, SecurityPolicyProvider provider, CancellationToken ct) =>
                TypedResults.Ok(await Handle(request, db, provider, ct)))
            .WithName("UpdateSecurityPolicy")
            .WithSummary("Changes password, lockout and session rules (security administrator of a root unit: the policy binds every account).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
    }
}
