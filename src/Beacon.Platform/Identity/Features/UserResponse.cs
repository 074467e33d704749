namespace Beacon.Platform.Identity.Features;

public sealed record UserResponse(Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitCode, string UnitName,
    IReadOnlyList<string> Roles, bool IsDisabled, bool TwoFactorEnabled, DateTimeOffset? LockedUntil);

internal static class IdentityErrors
{
    public static void ThrowIfFailed(Microsoft.AspNetCore.Identity.IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new Common.RequestValidationException(new Dictionary<string, string[]>
            {
                [field] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }
}
