namespace Beacon.Platform.Identity.Domain;

/// <summary>
/// Who may decide a warning or response of a level (PRODUCT.md, response authority): the principal leader
/// any level, the leader in charge II–IV, the head of the local unit or department III–IV, the head of the
/// base unit IV only.
/// </summary>
public enum Authority
{
    None = 0,
    PrincipalLeader = 1,
    LeaderInCharge = 2,
    UnitHead = 3,
    BaseUnitHead = 4,
}

public static class Authorities
{
    /// <summary>Whether this authority may decide a matter of level 1 (I) … 4 (IV).</summary>
    public static bool Permits(Authority authority, int level) => authority != Authority.None && (int)authority <= level;
}
