using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>An analyst completes the initial assessment (初步研判): level I–IV and a summary, within 30 minutes of receipt by default.</summary>
public static class AssessReport
{
    public sealed record Request(int? Level, string? Summary);

    public static async Task<Report> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsAssess);
        // Two analysts at once: the second reads the first's assessment inside the lock and gets a conflict.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Reports, ct);
        var report = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Report", id);
        var now = db.Time.GetUtcNow();
        var policies = await Policies.ForAsync(db, report.UnitPath, ct);
        report.Assess(r.Level, r.Summary, db.Actor.RequireUserId(), now, policies);
        // A level I or II event owes a follow-up every 30 minutes (by default) from now until its final report.
        if (Report.OwesFollowUps(report.Level, policies))
        {
            db.Set<ReportObligation>().Add(ReportObligation.FollowUp(report.EventId, report.UnitId, report.UnitPath, now,
                policies.Rule(DeadlineKind.FollowUp, report.Level)));
        }
        // The assessing office owes the hand-over to the unit above, unless it already sits at the level the event must reach.
        var office = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
        if (UpwardRoute.MustGoOn(await DutyDesks.KindsAlong(db, office.Path, ct), report.Level!.Value))
        {
            db.Set<ReportObligation>().Add(ReportObligation.Upward(report.EventId, office.Id, office.Path, now,
                (await Policies.ForAsync(db, office.Path, ct)).Rule(DeadlineKind.Upward, report.Level)));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return report;
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/assessment", async Task<Ok<ReportResponse>> (Guid id, Request request, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(ReportResponse.From(await Handle(id, request, db, ct))))
            .WithName("AssessReport")
            .WithSummary("Sets the level and summary of a report (analyst); marks the assessment on time or late and starts the upward clock.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
