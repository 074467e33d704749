namespace Beacon.Web.Components.Shared;

/// <summary>The capabilities that later modules bring; until then the UI shows where they will be.</summary>
public static class Modules
{
    /// <param name="Href">Where the module lives once available; null while it is still to come.</param>
    public sealed record Module(string Key, string TitleKey, string DescriptionKey, string? Href = null)
    {
        public string Link => Href ?? $"/modules/{Key}";
    }

    public static readonly IReadOnlyList<Module> All =
    [
        new("reports", "ModuleReports", "ModuleReportsDesc", "/reports"),
        new("warnings", "ModuleWarnings", "ModuleWarningsDesc", "/warnings"),
        new("responses", "ModuleResponses", "ModuleResponsesDesc", "/responses"),
        new("hazards", "ModuleHazards", "ModuleHazardsDesc", "/hazards"),
        new("supervision", "ModuleSupervision", "ModuleSupervisionDesc", "/matters"),
        new("statistics", "ModuleStatistics", "ModuleStatisticsDesc"),
    ];
}
