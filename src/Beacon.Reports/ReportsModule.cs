using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Beacon.Reports.Features;
using Beacon.Reports.Sweeps;
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
        ProtectionPeriodAccess.Declare();
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
        ListReportFlags.Map(reports);
        GetReportingRecord.Map(reports);
        FileFollowUp.Map(reports);
        ReportUpward.Map(reports);
        GetReportTimeline.Map(reports);
        ListEventTypes.Map(api);
        DefineEventType.Map(api);
        EditEventType.Map(api);
        AcknowledgeReceipt.Map(api);
        ListOpenAlerts.Map(api);
        var roster = api.MapGroup("/duty-roster").WithTags("Duty desk");
        ListShifts.Map(roster);
        ListDutyMembers.Map(roster);
        CreateShift.Map(roster);
        UpdateShift.Map(roster);
        DeleteShift.Map(roster);
        var periods = api.MapGroup("/protection-periods").WithTags("Reports");
        DeclareProtectionPeriod.Map(periods);
        ListProtectionPeriods.Map(periods);
        GetProtectionPeriod.Map(periods);
        FileDailyReport.Map(periods);
        CirculateReport.Map(api);
        ListCirculations.Map(api);
        AcknowledgeCirculation.Map(api);
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
