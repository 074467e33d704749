namespace Beacon.Warnings.Sweeps;

/// <summary>The CAP sources to poll (Beacon:Warnings:Import) and how often.</summary>
public sealed class CapImportOptions
{
    public List<string> Urls { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}
