using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>The delivery board of a warning, per recipient: sent, delivered, read, acknowledged, failed, and the escalation of silence.</summary>
public static class GetWarningDeliveries
{
    public sealed record PersonRow(Guid DeliveryId, Guid UserId, string Name, Guid UnitId, string UnitName, int Version, string Channels,
        DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt, DateTimeOffset? AcknowledgedAt,
        bool Failed, string Stage);

    public sealed record UnitRow(Guid UnitId, string UnitName, int Recipients, int Sent, int Acknowledged, int Failed);

    /// <param name="Total">People rows matching the filter; <paramref name="People"/> is one page of them.</param>
    /// <param name="MineOpen">The caller has a delivery of this warning not yet acknowledged.</param>
    public sealed record Board(Guid WarningId, IReadOnlyList<UnitRow> Units, int Total, IReadOnlyList<PersonRow> People, bool MineOpen);

    /// <param name="Status">unacknowledged, acknowledged or failed; none for everyone.</param>
    public sealed record BoardQuery(Guid? UnitId = null, string? Status = null, int Skip = 0, int Take = 200);

    private sealed record Row(Guid Id, Guid UserId, Guid UnitId, string UnitPath, int Version, string Channels, DateTimeOffset QueuedAt,
        DateTimeOffset? ReadAt, DateTimeOffset? AcknowledgedAt, EscalationStage Stage);

    /// <summary>
    /// Counts per unit over every recipient, and one page of the people rows. A red warning reaches thousands,
    /// so the messages are matched to deliveries by key and only the page's names are looked up.
    /// </summary>
    public static async Task<Board> Handle(Guid id, BoardQuery q, BeaconDbContext db, CancellationToken ct)
    {
        if (q.Take is < 1 or > 1000 || q.Skip < 0 || q.Status is not (null or "" or "unacknowledged" or "acknowledged" or "failed"))
        {
            throw new DomainException(Text.Get("Warning.BoardQuery"));
        }
        await WarningAccess.LoadForReader(id, db, ct);
        var deliveries = await db.Set<WarningDelivery>().AsNoTracking().Where(d => d.WarningId == id)
            .Select(d => new Row(d.Id, d.UserId, d.UnitId, d.UnitPath, d.Version, d.Channels, d.QueuedAt, d.ReadAt, d.AcknowledgedAt, d.Stage))
            .ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id.ToString()).ToList();
        var messages = (await db.Notifications.IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.SubjectType == "warning-delivery" && ids.Contains(n.SubjectId!))
            .Select(n => new { n.SubjectId, n.State, n.SentAt }).ToListAsync(ct))
            .ToLookup(m => m.SubjectId!);
        DateTimeOffset? SentAt(Row d) => messages[d.Id.ToString()].Where(m => m.SentAt is not null).Select(m => m.SentAt).Min();
        // In-app is delivered when pushed; the other channels when their server took the message.
        DateTimeOffset? DeliveredAt(Row d) => messages[d.Id.ToString()].Where(m => m.State == DeliveryState.Sent).Select(m => m.SentAt).Min();
        bool Failed(Row d) => messages[d.Id.ToString()].Any(m => m.State == DeliveryState.DeadLetter);
        var unitIds = deliveries.Select(d => d.UnitId).ToHashSet();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var byUnit = deliveries.GroupBy(d => d.UnitId).OrderBy(g => g.First().UnitPath, StringComparer.Ordinal)
            .Select(g => new UnitRow(g.Key, units.GetValueOrDefault(g.Key, ""), g.Select(d => d.UserId).Distinct().Count(),
                g.Count(d => SentAt(d) is not null), g.Count(d => d.AcknowledgedAt is not null), g.Count(Failed))).ToList();
        var me = db.Actor.UserId;
        var filtered = deliveries.Where(d => q.UnitId is null || d.UnitId == q.UnitId).Where(d => q.Status switch
        {
            "unacknowledged" => d.AcknowledgedAt is null,
            "acknowledged" => d.AcknowledgedAt is not null,
            "failed" => Failed(d),
            _ => true,
        }).OrderBy(d => d.UnitPath, StringComparer.Ordinal).ThenBy(d => d.Version).ThenBy(d => d.UserId).ToList();
        var page = filtered.Skip(q.Skip).Take(q.Take).ToList();
        var userIds = page.Select(d => d.UserId).ToHashSet();
        var names = await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var people = page.Select(d => new PersonRow(d.Id, d.UserId, names.GetValueOrDefault(d.UserId, ""), d.UnitId, units.GetValueOrDefault(d.UnitId, ""),
            d.Version, d.Channels, d.QueuedAt, SentAt(d), DeliveredAt(d), d.ReadAt, d.AcknowledgedAt, Failed(d), d.Stage.ToString())).ToList();
        return new Board(id, byUnit, filtered.Count, people, deliveries.Any(d => d.UserId == me && d.AcknowledgedAt is null));
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/deliveries", async Task<Ok<Board>> (Guid id, Guid? unitId, string? status, int? skip, int? take, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Handle(id, new BoardQuery(unitId, status, skip ?? 0, take ?? 200), db, ct)))
            .WithName("WarningDeliveries").WithSummary("The delivery board: counts per unit, and a page of people (filter by unit and status unacknowledged/acknowledged/failed; skip, take ≤ 1000) with sent, delivered, read, acknowledged, failed and the escalation stage.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
