using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

public static class DraftWarningFromReport
{
    /// <summary>A draft prefilled from a graded report: its level gives the colour (I red … IV blue), its type, place and account the texts.</summary>
    public static async Task<WarningResponse> Handle(Guid reportId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDraft);
        var report = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("Entity.Report", reportId);
        if (report.Level is not { } level)
        {
            throw new DomainException(Text.Get("Report.NotAssessed"));
        }
        var type = await db.Set<EventType>().Where(t => t.Code == report.EventTypeCode).Select(t => t.NameZh).FirstAsync(ct);
        var colour = ((WarningColour)(int)level).ToString().ToLowerInvariant();
        var now = db.Time.GetUtcNow();
        var content = new ContentRequest(colour, $"{report.Place}{type}{Colours.NameZh((WarningColour)(int)level)}预警",
            $"{report.AssessmentSummary ?? ""} {report.Place}发生{type}，受影响{report.PeopleAffected}人。".Trim(), report.MeasuresPlanned, report.MeasuresTaken,
            report.Place, null, null, now, now.AddHours(24), "Expected", "Likely", null, null, null, null);
        return await DraftWarning.Handle(new DraftWarning.Request(report.EventTypeCode, false, content), db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/from-report/{reportId:guid}", async Task<Created<WarningResponse>> (Guid reportId, BeaconDbContext db, CancellationToken ct) =>
            {
                var w = await Handle(reportId, db, ct);
                return TypedResults.Created($"/api/warnings/{w.Id}", w);
            })
            .WithName("DraftWarningFromReport").WithSummary("Drafts a warning from a graded report: colour from its level, texts from its account, to be edited before approval.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
