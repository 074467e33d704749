using Beacon.Hazards.Features;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        services.Configure<HazardOptions>(configuration.GetSection("Beacon:Hazards"));
        services.AddSweep<ScreeningRecurrenceSweep>();
        return services;
    }

    /// <summary>Maps /api/hazards, /api/screening-plans and /api/risk-matrix.</summary>
    public static IEndpointRouteBuilder MapHazards(this IEndpointRouteBuilder routes)
    {
        var auth = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
        {
            AuthenticationSchemes = Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme,
        };
        var hazards = routes.MapGroup("/api/hazards").WithTags("Hazards").RequireAuthorization(auth);
        Ledger.Map(hazards);
        Features.Hazards.Map(hazards);
        ScreeningPlans.Map(routes.MapGroup("/api/screening-plans").WithTags("Screening plans").RequireAuthorization(auth));
        RiskMatrices.Map(routes, routes.MapGroup("/api/risk-matrix").WithTags("Risk matrix").RequireAuthorization(auth));
        return routes;
    }
}
