using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Responses.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Responses;

/// <summary>Entry point of graded emergency response (应急响应).</summary>
public static class ResponsesModule
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        BeaconModel.Register(typeof(ResponsesModule).Assembly);
        ResponseAccess.Declare();
        services.AddSweep<ResponseClockSweep>();
        return services;
    }

    /// <summary>Maps /api/plans and /api/responses.</summary>
    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        Plans.Map(routes.MapApiGroup("/api/plans", "Response plans"));
        var responses = routes.MapApiGroup("/api/responses", "Responses");
        ResponseEndpoints.Map(responses);
        Tasks.Map(responses);
        HandlingReports.Map(responses);
        return routes;
    }
}
