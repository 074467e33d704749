namespace Beacon.Platform.Common;

/// <summary>The largest counts a person may enter: beyond them a figure is a slip, not an event.</summary>
public static class Counts
{
    /// <summary>People affected, evacuated, involved.</summary>
    public const int People = 100_000_000;
    /// <summary>Deaths, injuries, missing persons.</summary>
    public const int Casualties = 10_000_000;
    /// <summary>Incidents, hazards found and other tallies a unit files.</summary>
    public const int Tally = 1_000_000;
    /// <summary>Square kilometres (China is 9.6 million).</summary>
    public const int AreaKm2 = 10_000_000;
}
