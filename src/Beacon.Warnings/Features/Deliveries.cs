using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Notifications.Domain;
using Beacon.Platform.Scheduling;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Beacon.Warnings.Features;

/// <summary>Signed, single-use acknowledgement links for e-mail (Beacon:PublicUrl is where they point).</summary>
public sealed class AckLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    /// <summary>A link is good for a week: long past any warning's acknowledgement clock, short enough not to live in mailboxes for ever.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Beacon.Warnings.Acknowledgement").ToTimeLimitedDataProtector();
    private readonly string _base = (configuration["Beacon:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public string For(Guid deliveryId) =>
        $"{_base}/api/warnings/ack?token={Uri.EscapeDataString(_protector.Protect(deliveryId.ToString("N"), Lifetime))}";

    public Guid? Read(string? token)
    {
        try
        {
            return token is not null && Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Per recipient: sent, delivered, read, acknowledged, failed; acknowledgement by the recipient; the escalation of silence.</summary>
public static class Deliveries
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

    /// <summary>The warning for a reader; a recipient reading it is recorded as having read it.</summary>
    public static async Task<Warning> Open(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var w = await WarningEndpoints.Get(id, db, ct);
        var me = db.Actor.UserId;
        var mine = await db.Set<WarningDelivery>().Where(d => d.WarningId == id && d.UserId == me && d.ReadAt == null).ToListAsync(ct);
        if (mine.Count > 0)
        {
            mine.ForEach(d => d.MarkRead(db.Time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        return w;
    }

    /// <summary>
    /// Counts per unit over every recipient, and one page of the people rows. A red warning reaches thousands,
    /// so the messages are matched to deliveries by key and only the page's names are looked up.
    /// </summary>
    public static async Task<Board> Get(Guid id, BoardQuery q, BeaconDbContext db, CancellationToken ct)
    {
        if (q.Take is < 1 or > 1000 || q.Skip < 0 || q.Status is not (null or "" or "unacknowledged" or "acknowledged" or "failed"))
        {
            throw new DomainException(Text.Get("Warning.BoardQuery"));
        }
        await WarningEndpoints.Get(id, db, ct);
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

    /// <summary>The recipient acknowledges (in the app or through the API): every open delivery of theirs for the warning.</summary>
    public static async Task<int> Acknowledge(Guid id, string via, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        var me = db.Actor.RequireUserId();
        var mine = await db.Set<WarningDelivery>().Where(d => d.WarningId == id && d.UserId == me).ToListAsync(ct);
        if (mine.Count == 0)
        {
            throw new NotFoundException("Entity.Warning", id);
        }
        var now = db.Time.GetUtcNow();
        var n = mine.Count(d => d.Acknowledge(me, via, now));
        // The inbox messages of those deliveries are acknowledged with them.
        var ids = mine.Select(d => d.Id.ToString()).ToList();
        foreach (var message in await db.Notifications.Where(x => x.RecipientUserId == me && x.SubjectType == "warning-delivery" && ids.Contains(x.SubjectId!)
            && x.AcknowledgedAt == null).ToListAsync(ct))
        {
            message.Acknowledge(me, now);
        }
        await db.SaveChangesAsync(ct);
        return n;
    }

    /// <summary>The recipient acknowledged the in-app message of a delivery: the delivery is acknowledged with it.</summary>
    public static async Task AcknowledgedInApp(BeaconDbContext db, Notification message, CancellationToken ct)
    {
        if (Guid.TryParse(message.SubjectId, out var id) && message.RecipientUserId is { } me
            && await db.Set<WarningDelivery>().FirstOrDefaultAsync(d => d.Id == id && d.UserId == me, ct) is { } delivery)
        {
            delivery.Acknowledge(me, "in-app", db.Time.GetUtcNow());
        }
    }

    /// <summary>The link in the e-mail: signed for one delivery, good once.</summary>
    public static async Task<Guid> AcknowledgeByLink(string? token, BeaconDbContext db, AckLinks links, CancellationToken ct)
    {
        db.Actor.SetSystem("acknowledgement-link");
        var id = links.Read(token) ?? throw new DomainException(Text.Get("Warning.AckLinkBad"));
        var delivery = await db.Set<WarningDelivery>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException(Text.Get("Warning.AckLinkBad"));
        if (!delivery.Acknowledge(delivery.UserId, "email", db.Time.GetUtcNow()))
        {
            throw new ConflictException(Text.Get("Warning.AckLinkUsed"));
        }
        await db.SaveChangesAsync(ct);
        return delivery.WarningId;
    }

    internal static void Map(IEndpointRouteBuilder routes, RouteGroupBuilder g)
    {
        g.MapGet("/{id:guid}/deliveries", async Task<Ok<Board>> (Guid id, Guid? unitId, string? status, int? skip, int? take, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Get(id, new BoardQuery(unitId, status, skip ?? 0, take ?? 200), db, ct)))
            .WithName("WarningDeliveries").WithSummary("The delivery board: counts per unit, and a page of people (filter by unit and status unacknowledged/acknowledged/failed; skip, take ≤ 1000) with sent, delivered, read, acknowledged, failed and the escalation stage.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/acknowledgement", async Task<Ok<int>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Acknowledge(id, "api", db, ct)))
            .WithName("AcknowledgeWarning").WithSummary("The recipient acknowledges the warning; the first acknowledgement counts and stops its escalation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Opening the link only shows a button: mail scanners fetch every link, and must not acknowledge for the recipient.
        routes.MapGet("/api/warnings/ack", (string? token) =>
            {
                var t = System.Net.WebUtility.HtmlEncode(token ?? "");
                return Results.Content($"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{Text.Get("Warning.AckPageTitle")}</title>" +
                    $"<form method=\"post\" action=\"/api/warnings/ack\"><input type=\"hidden\" name=\"token\" value=\"{t}\">" +
                    $"<button type=\"submit\">{Text.Get("Warning.AckPageButton")}</button></form></html>", "text/html", System.Text.Encoding.UTF8);
            })
            .AllowAnonymous().WithTags("Warnings").WithName("AcknowledgementPage")
            .WithSummary("The page behind the e-mail's acknowledgement link: one button that posts the token.");
        routes.MapPost("/api/warnings/ack", async Task<IResult> ([FromForm] string? token, BeaconDbContext db, AckLinks links, CancellationToken ct) =>
            {
                var id = await AcknowledgeByLink(token, db, links, ct);
                return Results.Text(Text.Get("Warning.Acknowledged", id), "text/plain", System.Text.Encoding.UTF8);
            })
            .AllowAnonymous().DisableAntiforgery().WithTags("Warnings").WithName("AcknowledgeWarningByLink")
            .WithSummary("Acknowledges the delivery a signed, single-use, week-long token names; used again: 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>
/// A recipient who has not acknowledged within the colour's time (10 minutes red and orange, 30 yellow) is
/// re-alerted on the next channel, then their B post, then their unit head (the duty roster of their unit).
/// </summary>
public sealed class WarningEscalationSweep(Outbox outbox, AckLinks links) : ISweep
{
    public async Task<int> RunAsync(BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Deadlines, ct);
        var now = db.Time.GetUtcNow();
        var due = await db.Set<WarningDelivery>().Where(d => d.AcknowledgedAt == null && d.EscalateAt != null && d.EscalateAt <= now)
            .OrderBy(d => d.EscalateAt).Take(500).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var warningIds = due.Select(d => d.WarningId).Distinct().ToList();
        var warnings = await db.Set<Warning>().Where(w => warningIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var userIds = due.Select(d => d.UserId).Distinct().ToList();
        var users = await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id))
            .Select(u => new WarningEndpoints.Recipient(u.Id, u.UnitId, u.Unit!.Path, u.Email, u.PhoneNumber, u.DisplayName)).ToDictionaryAsync(u => u.Id, ct);
        // A unit without a shift of its own is covered by the nearest unit above that has one.
        var chains = due.Select(d => d.UnitPath).Distinct().ToDictionary(p => p, UnitPaths.Ids);
        var chainUnits = chains.Values.SelectMany(c => c).Distinct().ToList();
        var shifts = await db.Set<DutyShift>().IgnoreQueryFilters().Where(s => chainUnits.Contains(s.UnitId) && s.StartsAt <= now && s.EndsAt > now)
            .ToListAsync(ct);
        DutyShift? ShiftFor(string unitPath) =>
            chains[unitPath].AsEnumerable().Reverse().Select(u => shifts.FirstOrDefault(s => s.UnitId == u)).FirstOrDefault(s => s is not null);
        // One message per warning and B post or head, naming everyone of theirs who is silent, not one per recipient.
        var toBackups = new Dictionary<(Guid Warning, Guid To), (string UnitPath, List<string> Names)>();
        foreach (var d in due)
        {
            if (!warnings.TryGetValue(d.WarningId, out var w) || w.State != WarningState.Issued || !users.TryGetValue(d.UserId, out var user))
            {
                // Lifted or expired meanwhile: nothing left to escalate (and nobody acknowledged).
                d.Close();
                continue;
            }
            if (d.Version != w.Current.Number)
            {
                // A newer version went out with its own clock; this one no longer escalates.
                d.Close();
                continue;
            }
            var shift = ShiftFor(d.UnitPath);
            var b = shift?.BPostUserId is { } bp && bp != d.UserId ? bp : (Guid?)null;
            var head = shift?.HeadUserId is { } hp && hp != d.UserId ? hp : (Guid?)null;
            var reachable = Enum.GetValues<WarningChannel>().Where(c => WarningEndpoints.Reachable(user, c)).ToList();
            var colour = w.Versions.First(v => v.Number == d.Version).Colour;
            Guid? backup = null;
            switch (d.Escalate(reachable, b is not null, head is not null, colour, now))
            {
                case ({ } stage, { } channel) when stage == EscalationStage.NextChannel:
                    WarningEndpoints.Send(w, "warning.escalated", channel, user, d, db, outbox, links.For(d.Id));
                    break;
                case (EscalationStage.BPost, _):
                    backup = b;
                    break;
                case (EscalationStage.Head, _):
                    backup = head;
                    break;
            }
            if (backup is { } to)
            {
                if (!toBackups.TryGetValue((w.Id, to), out var entry))
                {
                    toBackups[(w.Id, to)] = entry = (shift!.UnitPath, []);
                }
                entry.Names.Add(user.Name);
            }
        }
        foreach (var ((warningId, to), (unitPath, names)) in toBackups)
        {
            var w = warnings[warningId];
            var who = names.Count <= 10 ? string.Join("、", names) : outbox.Text("Warning.Escalated.Names", string.Join("、", names.Take(10)), names.Count);
            outbox.ToUser(db, "warning.escalated", to, unitPath, outbox.Text("Warning.Escalated.Subject", w.Current.Content.Headline),
                outbox.Text("Warning.Escalated.Body", who), "warning", w.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
