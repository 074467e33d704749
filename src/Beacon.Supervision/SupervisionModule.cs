using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Supervision.Features;
using Beacon.Supervision.Sweeps;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Supervision;

/// <summary>
/// Entry point of assignment and supervision (交办—承办—督办—销号—查办): the office assigns a matter to a unit of its subtree;
/// the unit handles it; past its deadline it is carded, past the card's the leader explains and it is listed
/// for accountability; the office reviews the closing report.
/// </summary>
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
        var g = routes.MapApiGroup("/api/matters", "Matters");
        AssignMatter.Map(g);
        ListMatters.Map(g);
        GetMatter.Map(g);
        RecordMatterPlan.Map(g);
        RecordMatterProgress.Map(g);
        RequestMatterExtension.Map(g);
        GrantMatterExtension.Map(g);
        FileMatterExplanation.Map(g);
        AttachMatterEvidence.Map(g);
        GetMatterEvidence.Map(g);
        SubmitMatterClosure.Map(g);
        AcceptMatterClosure.Map(g);
        ReturnMatterClosure.Map(g);
        return routes;
    }
}
