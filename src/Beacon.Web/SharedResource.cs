namespace Beacon.Web;

/// <summary>Marker for the UI's texts in Resources/SharedResource(.en).resx; the neutral file is Chinese.</summary>
public sealed class SharedResource;
