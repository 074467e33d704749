using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Warnings.Features;
using Beacon.Warnings.Sweeps;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Warnings;

/// <summary>The organisation's identity in CAP messages (Beacon:Warnings).</summary>
public sealed class WarningOptions
{
    /// <summary>CAP sender: unique to the organisation, e.g. its e-mail domain.</summary>
    public string Sender { get; set; } = "beacon@localhost";
    public string SenderName { get; set; } = "Beacon";
    /// <summary>Messages carry status Test (drills, test installations) instead of Actual.</summary>
    public bool Test { get; set; }
}

/// <summary>Entry point of early warnings (预警发布).</summary>
public static class WarningsModule
{
    public static IServiceCollection AddWarnings(this IServiceCollection services, IConfiguration configuration)
    {
        BeaconModel.Register(typeof(WarningsModule).Assembly);
        WarningAccess.Declare();
        services.Configure<WarningOptions>(configuration.GetSection("Beacon:Warnings"));
        services.AddSweep<WarningExpirySweep>();
        services.Configure<CapImportOptions>(configuration.GetSection("Beacon:Warnings:Import"));
        services.AddSingleton<CapImportSweep.PollState>();
        services.AddHttpClient("beacon-cap-import", c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSweep<CapImportSweep>();
        services.AddSingleton<AckLinks>();
        // Acknowledging the in-app message of a warning acknowledges the warning.
        Beacon.Platform.Notifications.Features.AcknowledgementHooks.Register("warning-delivery", AcknowledgeDeliveryInApp.Handle);
        services.AddSweep<WarningEscalationSweep>();
        return services;
    }

    /// <summary>Maps /api/warnings, and the public Atom feed that needs no login.</summary>
    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder routes)
    {
        GetWarningFeed.Map(routes);
        GetPublicWarningCap.Map(routes);
        var api = routes.MapApiGroup("/api/warnings", "Warnings");
        ImportCapAlert.Map(api);
        ListCapImportSources.Map(api);
        DraftWarning.Map(api);
        EditWarningDraft.Map(api);
        DraftWarningFromReport.Map(api);
        ListWarnings.Map(api);
        GetWarning.Map(api);
        ApproveWarning.Map(api);
        ChangeWarningLevel.Map(api);
        LiftWarning.Map(api);
        GetWarningCap.Map(api);
        GetWarningDeliveries.Map(api);
        AcknowledgeWarning.Map(api);
        AcknowledgeWarningByLink.Map(routes);
        return routes;
    }
}
