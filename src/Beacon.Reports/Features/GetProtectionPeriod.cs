using System.Text.Json.Serialization;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Identity.Domain;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>A special protection period with one day's daily reports (日报): who filed, and who has not.</summary>
public static class GetProtectionPeriod
{
    public sealed record UnitDay(Guid UnitId, string UnitName, string State, DateTimeOffset DueAt, DateTimeOffset? FiledAt, string? Timeliness,
        string? Summary, DateTimeOffset? MissedAt)
    {
        /// <summary>The state of the unit's daily-report clock; the JSON carries the lowercase name only.</summary>
        [JsonIgnore]
        public ObligationState StateValue => Enum.Parse<ObligationState>(State, ignoreCase: true);

        /// <summary>How the filed report kept its clock; the JSON carries the name only.</summary>
        [JsonIgnore]
        public Timeliness? TimelinessValue => ReportResponse.Parse(Timeliness);
    }

    public sealed record CoverageResponse(ProtectionPeriodResponse Period, DateOnly Day, int Filed, int Total, IReadOnlyList<UnitDay> Units);

    /// <summary>For one day: every unit in scope that owes a daily report, filed or not.</summary>
    public static async Task<CoverageResponse> Handle(Guid id, DateOnly? day, BeaconDbContext db, LocalTime local, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var period = await ProtectionPeriodAccess.Visible(db, id, ct);
        var d = day ?? ProtectionPeriod.LocalDay(db.Time.GetUtcNow(), local.Zone);
        var dues = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.PeriodId == id && o.Day == d).ToListAsync(ct);
        var reports = await db.Set<DailyReport>().AsNoTracking().Where(x => x.PeriodId == id && x.Day == d).ToListAsync(ct);
        var unitIds = dues.Select(o => o.UnitId).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var rows = dues.Select(o =>
        {
            var filed = reports.FirstOrDefault(x => x.UnitId == o.UnitId);
            return new UnitDay(o.UnitId, names.GetValueOrDefault(o.UnitId, ""), o.State.ToString().ToLowerInvariant(), o.DueAt, filed?.FiledAt,
                ReportResponse.Name(filed?.Timeliness), filed?.Summary, o.MissedAt);
        }).OrderBy(u => u.FiledAt is not null).ThenBy(u => u.UnitName, StringComparer.Ordinal).ToList();
        return new CoverageResponse(ProtectionPeriodResponse.From(period), d, rows.Count(u => u.FiledAt is not null), rows.Count, rows);
    }

    internal static void Map(RouteGroupBuilder periods)
    {
        periods.MapGet("/{id:guid}", async Task<Ok<CoverageResponse>> (Guid id, DateOnly? day, BeaconDbContext db, LocalTime local, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, day, db, local, ct)))
            .WithName("GetProtectionPeriod")
            .WithSummary("A period with one day's daily reports (today by default): filed, and the units that have not filed listed first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
