using Beacon.Supervision.Domain;

namespace Beacon.Supervision.Features;

public sealed class SupervisionOptions
{
    /// <summary>Extensions a matter may have (granted and pending).</summary>
    public int MaxExtensions { get; set; } = Matter.DefaultMaxExtensions;
}
