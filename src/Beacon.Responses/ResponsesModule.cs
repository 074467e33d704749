using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Responses.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Responses;

/// <summary>Entry point of graded emergency response (应急响应).</summary>
public static class ResponsesModule
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        BeaconModel.Register(typeof(ResponsesModule).Assembly);
        services.AddSweep<ResponseClockSweep>();
        return services;
    }

    /// <summary>Maps /api/plans and /api/responses.</summary>
    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        var auth = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
        {
            AuthenticationSchemes = Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme,
        };
        Plans.Map(routes.MapGroup("/api/plans").WithTags("Response plans").RequireAuthorization(auth));
        var responses = routes.MapGroup("/api/responses").WithTags("Responses").RequireAuthorization(auth);
        ResponseEndpoints.Map(responses);
        Tasks.Map(responses);
        HandlingReports.Map(responses);
        return routes;
    }
}
