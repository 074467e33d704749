using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>The receiving duty desk acknowledges a report (签收); that stops its escalation.</summary>
public static class AcknowledgeReceipt
{
    public static async Task<DutyAlertResponse> Handle(Guid reportId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.DutyDesk);
        var me = db.Actor.RequireUserId();
        // Against the escalation sweep: an acknowledged alert must not alert the next post.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        // Only the caller's own desk acknowledges; a desk above cannot silence one below.
        var alerts = await db.Set<DutyAlert>().Where(a => a.ReportId == reportId && a.UnitId == db.Actor.UnitId)
            .OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
        if (alerts.Count == 0)
        {
            throw new NotFoundException("Entity.Report", reportId);
        }
        var now = db.Time.GetUtcNow();
        // The desk may hold the report twice (first report, then a hand-over from below): one receipt covers both.
        var changed = alerts.Aggregate(false, (any, a) => a.Acknowledge(me, now) | any);
        if (changed)
        {
            // The messages on the desk that announced it are acknowledged with it.
            var mine = await db.Set<Platform.Notifications.Domain.Notification>()
                .Where(n => n.RecipientUserId == me && n.SubjectType == "report" && n.SubjectId == reportId.ToString() && n.AcknowledgedAt == null)
                .ToListAsync(ct);
            foreach (var n in mine)
            {
                n.Acknowledge(me, now);
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return DutyAlertResponse.From(alerts[0]);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reports/{id:guid}/receipt", async Task<Ok<DutyAlertResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, db, ct)))
            .WithName("AcknowledgeReceipt").WithTags("Duty desk")
            .WithSummary("The receiving duty desk acknowledges a report (签收); the first acknowledgement counts and stops the escalation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
