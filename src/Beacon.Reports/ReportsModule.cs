using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Beacon.Reports.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Reports;

/// <summary>Entry point of information reporting (信息报送).</summary>
public static class ReportsModule
{
    public const string FileReports = Beacon.Platform.Identity.Domain.Permissions.ReportsFile;
    public const string ReadReports = Beacon.Platform.Identity.Domain.Permissions.ReportsRead;

    /// <summary>Registers the module's model and reference data.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        BeaconModel.Register(typeof(ReportsModule).Assembly);
        services.AddSingleton<IModuleInitializer, ReportsInitializer>();
        services.AddSweep<MissingReportSweep>();
        services.AddSweep<ReceiptEscalationSweep>();
        services.AddSweep<ReminderSweep>();
        return services;
    }

    /// <summary>Maps /api/reports and /api/event-types.</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapApiGroup("/api");
        var reports = api.MapGroup("/reports").WithTags("Reports");
        FileReport.Map(reports);
        ListReports.Map(reports);
        GetReport.Map(reports);
        AssessReport.Map(reports);
        FlagReport.Map(reports);
        ReportingRecord.Map(reports);
        FileFollowUp.Map(reports);
        ReportUpward.Map(reports);
        GetTimeline.Map(reports);
        ListEventTypes.Map(api);
        AcknowledgeReceipt.Map(api);
        DutyRosterFeature.Map(api);
        ProtectionPeriods.Map(api);
        Circulations.Map(api);
        return routes;
    }

    private sealed class ReportsInitializer : IModuleInitializer
    {
        public async Task InitializeAsync(BeaconDbContext db, CancellationToken ct)
        {
            var existing = await db.Set<EventType>().Select(t => t.Code).ToListAsync(ct);
            db.Set<EventType>().AddRange(EventTaxonomy.Defaults.Where(t => !existing.Contains(t.Code)));
            await db.SaveChangesAsync(ct);
        }
    }
}
