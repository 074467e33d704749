using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Scheduling;
using Beacon.Responses.Features;
using Beacon.Responses.Sweeps;
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
        var plans = routes.MapApiGroup("/api/plans", "Response plans");
        ListPlans.Map(plans);
        GetPlan.Map(plans);
        CreatePlan.Map(plans);
        UpdatePlan.Map(plans);

        var responses = routes.MapApiGroup("/api/responses", "Responses");
        ActivateResponse.Map(responses);
        ListResponses.Map(responses);
        GetResponse.Map(responses);
        ChangeResponseLevel.Map(responses);
        PostSituationUpdate.Map(responses);
        ListSituationUpdates.Map(responses);
        GetResponseTimeline.Map(responses);
        TerminateResponse.Map(responses);
        ApproveTermination.Map(responses);
        RejectTermination.Map(responses);
        RecordResources.Map(responses);
        AddFinding.Map(responses);
        CompleteReview.Map(responses);

        // The command post's tasks: the commander adds them; the group's people accept, report progress and finish them.
        AttachTaskFile.Map(responses);
        GetTaskFile.Map(responses);
        AddResponseTask.Map(responses);
        AcceptTask.Map(responses);
        ReportTaskProgress.Map(responses);
        CompleteTask.Map(responses);
        CancelTask.Map(responses);

        GetHandlingReport.Map(responses);
        FileHandlingReport.Map(responses);
        return routes;
    }
}
