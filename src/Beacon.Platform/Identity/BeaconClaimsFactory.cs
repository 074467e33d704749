using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Identity;

/// <summary>Adds the display name and unit for the UI; authorisation never trusts these, it reads the database.</summary>
public sealed class BeaconClaimsFactory(UserManager<BeaconUser> users, RoleManager<BeaconRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<BeaconUser, BeaconRole>(users, roles, options)
{
    public const string DisplayName = "display_name";
    public const string UnitId = "unit_id";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BeaconUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(UnitId, user.UnitId.ToString()));
        return identity;
    }
}
