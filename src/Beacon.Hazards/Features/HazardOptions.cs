namespace Beacon.Hazards.Features;

public sealed class HazardOptions
{
    /// <summary>Extensions a rectification may have.</summary>
    public int MaxExtensions { get; set; } = 2;
}
