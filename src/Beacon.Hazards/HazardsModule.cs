using Beacon.Hazards.Features;
using Beacon.Hazards.Sweeps;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Hazards;

/// <summary>Entry point of the hazard register and screening (风险隐患排查整改).</summary>
public static class HazardsModule
{
    public static IServiceCollection AddHazards(this IServiceCollection services, IConfiguration configuration)
    {
        BeaconModel.Register(typeof(HazardsModule).Assembly);
        HazardAccess.Declare();
        services.Configure<HazardOptions>(configuration.GetSection("Beacon:Hazards"));
        services.AddSweep<ScreeningRecurrenceSweep>();
        return services;
    }

    /// <summary>Maps /api/hazards, /api/screening-plans and /api/risk-matrix.</summary>
    public static IEndpointRouteBuilder MapHazards(this IEndpointRouteBuilder routes)
    {
        var hazards = routes.MapApiGroup("/api/hazards", "Hazards");
        // In the API document's order: the ledger first, then one hazard's use cases.
        ListHazards.Map(hazards);
        GetHazardMatrix.Map(hazards);
        ExportHazards.Map(hazards);
        ImportHazards.Map(hazards);
        RecordHazard.Map(hazards);
        RecordHazardFromFinding.Map(hazards);
        GetHazard.Map(hazards);
        ReassessHazard.Map(hazards);
        SetHazardRectification.Map(hazards);
        RecordHazardProgress.Map(hazards);
        RequestHazardExtension.Map(hazards);
        DecideHazardExtension.Map(hazards);
        SubmitHazardClosure.Map(hazards);
        AcceptHazardClosure.Map(hazards);
        ReturnHazardClosure.Map(hazards);
        ReopenHazard.Map(hazards);
        AttachHazardFile.Map(hazards);
        GetHazardFile.Map(hazards);

        var plans = routes.MapApiGroup("/api/screening-plans", "Screening plans");
        CreateScreeningPlan.Map(plans);
        ListScreeningPlans.Map(plans);
        GetScreeningPlan.Map(plans);
        StopScreeningSeries.Map(plans);
        FileScreeningResult.Map(plans);

        var matrix = routes.MapApiGroup("/api/risk-matrix", "Risk matrix");
        GetRiskMatrix.Map(matrix);
        ReviseRiskMatrix.Map(matrix);
        return routes;
    }
}
