using Beacon.Hazards.Features;
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
        Ledger.Map(hazards);
        Features.Hazards.Map(hazards);
        ScreeningPlans.Map(routes.MapApiGroup("/api/screening-plans", "Screening plans"));
        RiskMatrices.Map(routes, routes.MapApiGroup("/api/risk-matrix", "Risk matrix"));
        return routes;
    }
}
