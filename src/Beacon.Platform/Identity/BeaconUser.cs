using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Identity;

namespace Beacon.Platform.Identity;

// The Identity user and role: framework types, so they live beside the domain rather than in it.
public sealed class BeaconUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A leader's decision authority (principal leader, leader in charge, unit head, base unit head): which levels they may decide.</summary>
    public Domain.Authority Authority { get; set; }
}

public sealed class BeaconRole : IdentityRole<Guid>
{
    public BeaconRole()
    {
    }

    public BeaconRole(string name) : base(name)
    {
        Id = Guid.NewGuid();
        NormalizedName = name.ToUpperInvariant();
    }
}
