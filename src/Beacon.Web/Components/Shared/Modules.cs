namespace Beacon.Web.Components.Shared;

/// <summary>The capabilities that later modules bring; until then the UI shows where they will be.</summary>
public static class Modules
{
    public sealed record Module(string Key, string TitleKey, string DescriptionKey);

    public static readonly IReadOnlyList<Module> All =
    [
        new("reports", "ModuleReports", "ModuleReportsDesc"),
        new("warnings", "ModuleWarnings", "ModuleWarningsDesc"),
        new("responses", "ModuleResponses", "ModuleResponsesDesc"),
        new("hazards", "ModuleHazards", "ModuleHazardsDesc"),
        new("supervision", "ModuleSupervision", "ModuleSupervisionDesc"),
        new("statistics", "ModuleStatistics", "ModuleStatisticsDesc"),
    ];
}
