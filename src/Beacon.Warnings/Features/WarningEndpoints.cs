using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Notifications.Domain;
using Beacon.Reports.Domain;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Warnings.Features;

/// <summary>Drafting, deciding (approve and issue, upgrade or downgrade, lift), reading and the CAP message of a warning.</summary>
public static class WarningEndpoints
{
    public sealed record DraftRequest(string? EventTypeCode, bool? IsPublic, ContentRequest? Content);

    public sealed record ChangeRequest(ContentRequest? Content, string? Reason);

    public sealed record LiftRequest(string? Reason);

    public static async Task<WarningResponse> Draft(DraftRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDraft);
        var office = await db.Units.FirstAsync(u => u.Id == db.Actor.UnitId, ct);
        var content = (r.Content ?? new ContentRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        var audience = Audience(content);
        await CheckArea(content, office.Path, db, ct);
        var codes = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        var warning = Warning.Draft(office.Id, office.Path, r.EventTypeCode, r.IsPublic ?? false, content.ToContent(), audience,
            db.Actor.RequireUserId(), db.Time.GetUtcNow(), codes.Contains);
        db.Set<Warning>().Add(warning);
        await db.SaveChangesAsync(ct);
        return WarningResponse.From(warning);
    }

    public static async Task<WarningResponse> EditDraft(Guid id, DraftRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDraft);
        var warning = await db.Set<Warning>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
        var content = r.Content ?? new ContentRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        await CheckArea(content, warning.UnitPath, db, ct);
        var codes = await db.Set<EventType>().Where(t => t.ParentCode != null && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        warning.EditDraft(r.EventTypeCode, r.IsPublic ?? warning.IsPublic, content.ToContent(), Audience(content), db.Actor.RequireUserId(),
            db.Time.GetUtcNow(), codes.Contains);
        await db.SaveChangesAsync(ct);
        return WarningResponse.From(warning);
    }

    /// <summary>A draft prefilled from a graded report: its level gives the colour (I red … IV blue), its type, place and account the texts.</summary>
    public static async Task<WarningResponse> DraftFromReport(Guid reportId, BeaconDbContext db, CancellationToken ct)
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
        return await Draft(new DraftRequest(report.EventTypeCode, false, content), db, ct);
    }

    /// <summary>The affected units: each must lie in the issuing office's subtree (none given: the whole subtree).</summary>
    private static async Task CheckArea(ContentRequest content, string officePath, BeaconDbContext db, CancellationToken ct)
    {
        if (content.AreaUnitIds is not { Count: > 0 } ids)
        {
            return;
        }
        var paths = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct);
        if (paths.Count != ids.Distinct().Count() || paths.Any(p => !p.StartsWith(officePath, StringComparison.Ordinal)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["areaUnitIds"] = [Text.Get("Warning.AreaUnits")] });
        }
    }

    /// <summary>The analyst's audience, refused when it would narrow the colour's default.</summary>
    private static WarningAudience? Audience(ContentRequest content)
    {
        if (content.Audience is null || ContentRequest.ParseColour(content.Colour) is not { } colour)
        {
            return null;
        }
        var chosen = content.Audience.ToAudience();
        if (chosen.Channels.Any(c => !Enum.IsDefined(c)) || chosen.Roles.Any(role => !Roles.Business.Contains(role)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["audience"] = [Text.Get("Warning.AudienceUnknown")] });
        }
        Warning.RefuseNarrowing(colour, chosen);
        return chosen;
    }

    /// <summary>Approval by the authority of the level, and the warning is issued at once to its audience.</summary>
    public static async Task<WarningResponse> Approve(Guid id, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await ForDecision(id, db, ct);
        warning.Approve(db.Actor.RequireUserId(), authority);
        warning.Issue(db.Time.GetUtcNow());
        await Deliver(warning, "warning.issued", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    public static async Task<WarningResponse> ChangeLevel(Guid id, ChangeRequest r, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await ForDecision(id, db, ct);
        var content = r.Content ?? new ContentRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        await CheckArea(content, warning.UnitPath, db, ct);
        warning.ChangeLevel(content.ToContent(), Audience(content), db.Actor.RequireUserId(), authority, r.Reason, db.Time.GetUtcNow());
        await Deliver(warning, "warning.updated", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    public static async Task<WarningResponse> Lift(Guid id, LiftRequest r, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Warnings, ct);
        var (warning, authority) = await ForDecision(id, db, ct);
        warning.Lift(r.Reason, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow());
        await Deliver(warning, "warning.lifted", db, outbox, links, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WarningResponse.From(warning);
    }

    /// <summary>A leader decides warnings of their unit's subtree (out of scope: not found), within their own authority.</summary>
    private static async Task<(Warning, Authority)> ForDecision(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsDecide);
        var warning = await db.Set<Warning>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
        var me = db.Actor.RequireUserId();
        var authority = await db.Users.Where(u => u.Id == me).Select(u => u.Authority).FirstAsync(ct);
        return (warning, authority);
    }

    /// <summary>
    /// Every user of the issuing office's subtree holding a role of the audience hears it, on each channel of
    /// the audience they can be reached on: one delivery record per recipient, and its messages in the outbox,
    /// in the same transaction as the decision. Lifting is told the same way but asks for no acknowledgement.
    /// </summary>
    internal static async Task Deliver(Warning w, string topic, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        var v = w.Current;
        foreach (var earlier in await db.Set<WarningDelivery>().IgnoreQueryFilters()
            .Where(d => d.WarningId == w.Id && d.Version < v.Number && d.EscalateAt != null).ToListAsync(ct))
        {
            earlier.Close();
        }
        var roles = v.Audience.Roles.ToList();
        var recipients = await (from u in db.Users.IgnoreQueryFilters()
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join role in db.Roles on ur.RoleId equals role.Id
                                where !u.IsDisabled && u.Unit!.Path.StartsWith(w.UnitPath) && roles.Contains(role.Name!)
                                select new Recipient(u.Id, u.UnitId, u.Unit!.Path, u.Email, u.PhoneNumber, u.DisplayName)).Distinct().ToListAsync(ct);
        // The affected units' subtrees, or the whole subtree of the issuing office.
        var area = v.Content.AreaUnitIds is { Count: > 0 } ids
            ? await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct)
            : [w.UnitPath];
        var now = db.Time.GetUtcNow();
        foreach (var user in recipients.Where(r => area.Any(p => r.Path.StartsWith(p, StringComparison.Ordinal))).DistinctBy(u => u.Id))
        {
            var channels = v.Audience.Channels.Where(c => Reachable(user, c)).ToList();
            var delivery = WarningDelivery.Queue(w.Id, v.Number, user.Id, user.UnitId, user.Path, channels, v.Colour, now);
            if (topic == "warning.lifted")
            {
                // Told, not asked to acknowledge.
                delivery.Close();
            }
            db.Set<WarningDelivery>().Add(delivery);
            foreach (var channel in channels)
            {
                Send(w, topic, channel, user, delivery, db, outbox, topic == "warning.lifted" ? null : links.For(delivery.Id));
            }
        }
        outbox.ToWebhooks(db, topic, w.UnitPath, Subject(w, topic, outbox), Body(w, topic), "warning", w.Id.ToString());
    }

    internal sealed record Recipient(Guid Id, Guid UnitId, string Path, string? Email, string? PhoneNumber, string Name);

    internal static bool Reachable(Recipient user, WarningChannel channel) => channel switch
    {
        WarningChannel.Email => !string.IsNullOrWhiteSpace(user.Email),
        WarningChannel.Sms => !string.IsNullOrWhiteSpace(user.PhoneNumber),
        _ => true,
    };

    private static string Subject(Warning w, string topic, Outbox outbox) => topic == "warning.lifted"
        ? outbox.Text("Warning.Lifted.Subject", Colours.NameZh(w.Current.Colour), w.Current.Content.Headline)
        : SmsText(w.Current.Colour, w.Current.Content.Headline, outbox);

    /// <summary>The text of the SMS (and the subject of the other channels) when a warning goes out; the editor previews the same.</summary>
    public static string SmsText(WarningColour colour, string? headline, Outbox outbox) =>
        outbox.Text("Warning.Issued.Subject", Colours.NameZh(colour), headline);

    private static string Body(Warning w, string topic) => topic == "warning.lifted"
        ? w.Current.Reason ?? ""
        : $"{w.Current.Content.Description}\n{w.Current.Content.UnitInstruction ?? w.Current.Content.PublicInstruction}";

    /// <summary>One message of a delivery on one channel; the e-mail carries a signed, single-use acknowledgement link.</summary>
    internal static void Send(Warning w, string topic, WarningChannel channel, Recipient user, WarningDelivery delivery, BeaconDbContext db, Outbox outbox,
        string? ackLink = null)
    {
        var subject = Subject(w, topic, outbox);
        var body = Body(w, topic);
        var id = delivery.Id.ToString();
        switch (channel)
        {
            case WarningChannel.InApp:
                outbox.ToUser(db, topic, user.Id, user.Path, subject, body, "warning-delivery", id);
                break;
            case WarningChannel.Email:
                outbox.ToAddress(db, NotificationChannel.Email, user.Email!, topic, user.Id, user.Path, subject,
                    ackLink is null ? body : $"{body}\n\n{outbox.Text("Warning.AckLink")} {ackLink}", "warning-delivery", id);
                break;
            case WarningChannel.Sms:
                outbox.ToAddress(db, NotificationChannel.Sms, user.PhoneNumber!, topic, user.Id, user.Path, subject, subject, "warning-delivery", id);
                break;
        }
    }

    public static async Task<List<WarningResponse>> List(BeaconDbContext db, string? state, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        var q = db.Readable<Warning>().AsNoTracking();
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<WarningState>(state, ignoreCase: true, out var s))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Warning.StateFilter")] });
            }
            q = q.Where(w => w.State == s);
        }
        return (await q.OrderByDescending(w => w.IssuedAt).Take(500).ToListAsync(ct)).Select(WarningResponse.From).ToList();
    }

    public static async Task<Warning> Get(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.WarningsRead);
        return await db.Readable<Warning>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Entity.Warning", id);
    }

    /// <summary>The CAP message of a version (the latest sent one by default).</summary>
    public static async Task<string> Cap(Guid id, int? version, BeaconDbContext db, WarningOptions options, CancellationToken ct)
    {
        var w = await Get(id, db, ct);
        var n = version ?? w.Versions.Where(v => v.Sent is not null).Select(v => v.Number).DefaultIfEmpty(1).Max();
        return CapXml.Write(w.ToCap(n, options.Sender, options.SenderName, CapCategories.For(w.EventTypeCode), options.Test, await EventNames(db, w, ct)));
    }

    /// <summary>The event type's name per CAP language, from the taxonomy.</summary>
    internal static async Task<Func<string, string>> EventNames(BeaconDbContext db, Warning w, CancellationToken ct)
    {
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == w.EventTypeCode).Select(t => new { t.NameZh, t.NameEn }).FirstOrDefaultAsync(ct);
        return language => type is null ? w.EventTypeCode : language.StartsWith("zh", StringComparison.Ordinal) ? type.NameZh : type.NameEn;
    }

    internal static void Map(RouteGroupBuilder g)
    {
        ImportCap.Map(g);
        g.MapPost("/", async Task<Created<WarningResponse>> (DraftRequest r, BeaconDbContext db, CancellationToken ct) =>
            {
                var w = await Draft(r, db, ct);
                return TypedResults.Created($"/api/warnings/{w.Id}", w);
            })
            .WithName("DraftWarning").WithSummary("Drafts a warning (analyst): colour, event type, texts, area, onset and expiry; an audience may only widen the colour's default.")
            .ProducesValidationProblem();
        g.MapPut("/{id:guid}", async Task<Ok<WarningResponse>> (Guid id, DraftRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await EditDraft(id, r, db, ct)))
            .WithName("EditWarningDraft").WithSummary("Reworks a draft (analyst) before it is decided; a decided warning changes only by a new version.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/from-report/{reportId:guid}", async Task<Created<WarningResponse>> (Guid reportId, BeaconDbContext db, CancellationToken ct) =>
            {
                var w = await DraftFromReport(reportId, db, ct);
                return TypedResults.Created($"/api/warnings/{w.Id}", w);
            })
            .WithName("DraftWarningFromReport").WithSummary("Drafts a warning from a graded report: colour from its level, texts from its account, to be edited before approval.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/", async Task<Ok<List<WarningResponse>>> (string? state, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await List(db, state, ct)))
            .WithName("ListWarnings").WithSummary("Warnings of the caller's subtree and of the offices above it (?state=draft|approved|issued|lifted|expired).");
        g.MapGet("/{id:guid}", async Task<Ok<WarningResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(WarningResponse.From(await Deliveries.Open(id, db, ct))))
            .WithName("GetWarning").WithSummary("A warning with every version; a recipient opening it is recorded as having read it.").ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/approval", async Task<Ok<WarningResponse>> (Guid id, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await Approve(id, db, outbox, links, ct)))
            .WithName("ApproveWarning").WithSummary("Approves and issues a draft (leader with the authority of its level).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/level", async Task<Ok<WarningResponse>> (Guid id, ChangeRequest r, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await ChangeLevel(id, r, db, outbox, links, ct)))
            .WithName("ChangeWarningLevel").WithSummary("Upgrades or downgrades an issued warning: a new version (CAP Update), with the authority of the resulting level.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/lift", async Task<Ok<WarningResponse>> (Guid id, LiftRequest r, BeaconDbContext db, Outbox outbox, AckLinks links,
                CancellationToken ct) => TypedResults.Ok(await Lift(id, r, db, outbox, links, ct)))
            .WithName("LiftWarning").WithSummary("Lifts (解除) an issued warning with a reason (CAP Cancel), with the authority of its current level; lifted twice: 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/{id:guid}/cap", async Task<IResult> (Guid id, int? version, BeaconDbContext db, IOptions<WarningOptions> o, CancellationToken ct) =>
                Results.Text(await Cap(id, version, db, o.Value, ct), CapXml.MediaType, System.Text.Encoding.UTF8))
            .WithName("GetWarningCap").WithSummary("A version as an OASIS CAP 1.2 message (application/cap+xml): Alert, Update or Cancel with references.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The CAP category of a Beacon event type.</summary>
public static class CapCategories
{
    public static string For(string eventTypeCode) => eventTypeCode switch
    {
        "natural.earthquake" or "natural.geological" => "Geo",
        "natural.forest-fire" or "accident.fire" => "Fire",
        var c when c.StartsWith("natural.", StringComparison.Ordinal) => "Met",
        "accident.road-traffic" => "Transport",
        "accident.hazardous-chemicals" => "CBRNE",
        "accident.utilities" or "cyber.outage" => "Infra",
        var c when c.StartsWith("accident.", StringComparison.Ordinal) => "Safety",
        var c when c.StartsWith("health.", StringComparison.Ordinal) => "Health",
        var c when c.StartsWith("social.", StringComparison.Ordinal) => "Security",
        var c when c.StartsWith("cyber.", StringComparison.Ordinal) => "Infra",
        _ => "Other",
    };
}
