using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Supervision.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Supervision;

/// <summary>Entry point of assignment and supervision (交办—承办—督办—销号—查办).</summary>
public static class SupervisionModule
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration)
    {
        BeaconModel.Register(typeof(SupervisionModule).Assembly);
        MatterAccess.Declare();
        services.Configure<SupervisionOptions>(configuration.GetSection("Beacon:Supervision"));
        services.AddSweep<SupervisionSweep>();
        return services;
    }

    /// <summary>Maps /api/matters.</summary>
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder routes)
    {
        Matters.Map(routes.MapApiGroup("/api/matters", "Matters"));
        return routes;
    }
}
