using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Supervision.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Supervision.Features;

public sealed class SupervisionOptions
{
    /// <summary>Extensions a matter may have (granted and pending).</summary>
    public int MaxExtensions { get; set; } = Matter.DefaultMaxExtensions;
}

public sealed record MatterResponse(Guid Id, string Code, string Title, string Notice, Guid UnitId, string UnitName, Guid HandlingUnitId,
    string HandlingUnitName, Guid ResponsibleLeaderId, string ResponsibleLeaderName, Guid? HandlerId, DateTimeOffset Deadline,
    DateTimeOffset OriginalDeadline, DateTimeOffset EffectiveDeadline, string State, string Stage, string Due, DateTimeOffset AssignedAt, string? Plan,
    IReadOnlyList<MatterProgress> Progress, IReadOnlyList<MatterExtension> Extensions, IReadOnlyList<SupervisionCard> Cards, DateTimeOffset? ExplanationDueAt,
    string? Explanation, DateTimeOffset? ExplainedAt, bool InAccountability, string? ClosingReport, IReadOnlyList<Guid> ClosingEvidenceFileIds,
    DateTimeOffset? ClosureSubmittedAt, DateTimeOffset? ClosedAt, string? ReturnReason, int Revision);

public sealed record MatterList(MatterCounters Counters, IReadOnlyList<MatterResponse> Items);

/// <summary>
/// Assignment and supervision (交办—承办—督办—销号—查办): the office assigns a matter to a unit of its subtree;
/// the unit handles it; past its deadline it is carded, past the card's the leader explains and it is listed
/// for accountability; the office reviews the closing report.
/// </summary>
public static class Matters
{
    public const string FileOwner = "matter";

    public sealed record AssignRequest(string? Title, string? Notice, Guid? HandlingUnitId, Guid? ResponsibleLeaderId, Guid? HandlerId, DateTimeOffset? Deadline);

    public sealed record TextRequest(string? Text);

    public sealed record ExtensionRequest(DateTimeOffset? Deadline, string? Reason);

    public sealed record DecisionRequest(bool? Grant, string? Note);

    public sealed record ClosureRequest(string? Report, IReadOnlyList<Guid>? EvidenceFileIds);

    private static async Task<Matter> Load(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.MattersRead);
        return await db.Readable<Matter>().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Entity.Matter", id);
    }

    /// <summary>The office's side: a leader or supervisor of the assigning office's subtree.</summary>
    private static async Task<Matter> ForOffice(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var m = await Load(id, db, ct);
        db.Actor.Require(Permissions.MattersAssign);
        // Above the handling unit: a unit does not review its own work.
        if (!db.Actor.Sees(m.UnitPath) || db.Actor.UnitPath.StartsWith(m.HandlingUnitPath, StringComparison.Ordinal))
        {
            throw new ForbiddenException(Text.Get("Matter.OfficeOnly"));
        }
        return m;
    }

    /// <summary>The handling side: someone of the handling unit's subtree who handles matters.</summary>
    private static async Task<Matter> ForHandler(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        var m = await Load(id, db, ct);
        db.Actor.Require(Permissions.MattersHandle);
        // Inside the handling unit (or its named handler): the office above does not write the unit's plan and report.
        if (!db.Actor.UnitPath.StartsWith(m.HandlingUnitPath, StringComparison.Ordinal) && m.HandlerId != db.Actor.UserId)
        {
            throw new ForbiddenException(Text.Get("Matter.HandlerOnly"));
        }
        return m;
    }

    public static async Task<MatterResponse> Assign(AssignRequest r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.MattersAssign);
        var officeId = db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var officePath = await db.UnitPathAsync(officeId, ct);
        // Units and people of the caller's subtree only; anything else reads as missing.
        var handling = r.HandlingUnitId is { } hid ? await db.Units.Where(u => u.Id == hid).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct) : null;
        var errors = new Dictionary<string, string[]>();
        if (handling is null || handling.Path == officePath)
        {
            // A matter goes to a unit below the office: an office does not supervise itself.
            errors["handlingUnitId"] = [Text.Get("Matter.HandlingUnitUnknown")];
        }
        if (r.ResponsibleLeaderId is not { } leaderId || !await IsLeaderOf(db, leaderId, handling?.Path ?? officePath, officePath, ct))
        {
            errors["responsibleLeaderId"] = [Text.Get("Matter.LeaderUnknown")];
        }
        if (r.HandlerId is { } handlerId && !await db.Users.AnyAsync(u => u.Id == handlerId && !u.IsDisabled && handling != null
                && u.Unit!.Path.StartsWith(handling.Path), ct))
        {
            errors["handlerId"] = [Text.Get("Matter.HandlerUnknown")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        var now = db.Time.GetUtcNow();
        var code = await NextCode(db, now, ct);
        var m = Matter.Assign(new AssignInput(officeId, officePath, handling!.Id, handling.Path, code, r.Title, r.Notice, r.ResponsibleLeaderId!.Value,
            r.Deadline ?? DateTimeOffset.MinValue, r.HandlerId), db.Actor.RequireUserId(), now);
        db.Set<Matter>().Add(m);
        var subject = outbox.Text("Matter.Assigned.Subject", m.Title);
        var body = outbox.Text("Matter.Assigned.Body", m.Code, m.Notice, time.Format(m.Deadline));
        await TellHandlingSide(m, "matter.assigned", subject, body, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(m, db, ct);
    }

    /// <summary>A leader of the handling unit or of the office (the leader answerable for the matter).</summary>
    private static async Task<bool> IsLeaderOf(BeaconDbContext db, Guid userId, string handlingPath, string officePath, CancellationToken ct) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join role in db.Roles on ur.RoleId equals role.Id
               where u.Id == userId && !u.IsDisabled && role.Name == Roles.Leader && (handlingPath.StartsWith(u.Unit!.Path) || u.Unit!.Path == officePath)
               select u.Id).AnyAsync(ct);

    /// <summary>"JB-2026-000001": numbered per year, under the supervision lock.</summary>
    private static async Task<string> NextCode(BeaconDbContext db, DateTimeOffset now, CancellationToken ct) =>
        (await YearlyCodes.SequenceAsync(db.Set<Matter>().IgnoreQueryFilters().Select(m => m.Code), "JB", now, ct))();

    /// <summary>The responsible leader, the named handler, and the leaders and handlers of the handling unit.</summary>
    internal static async Task TellHandlingSide(Matter m, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        var people = (await People.WithRoles(db, [m.HandlingUnitId], [Roles.Leader, Roles.Handler], ct)).Select(p => p.Id);
        foreach (var user in people.Append(m.ResponsibleLeaderId).Concat(m.HandlerId is { } h ? [h] : []).Distinct())
        {
            outbox.ToUser(db, topic, user, m.HandlingUnitPath, subject, body, "matter", m.Id.ToString());
        }
    }

    /// <summary>The one who assigned it and the supervisors of the office.</summary>
    internal static async Task TellOffice(Matter m, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        var supervisors = (await People.WithRoles(db, [m.UnitId], [Roles.Supervisor], ct)).Select(p => p.Id);
        foreach (var user in supervisors.Append(m.AssignedBy).Distinct())
        {
            outbox.ToUser(db, topic, user, m.UnitPath, subject, body, "matter", m.Id.ToString());
        }
    }

    private static async Task<MatterResponse> Change(Guid id, BeaconDbContext db, CancellationToken ct, Func<Matter, Task<Matter>> load,
        Func<Matter, Task> change)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var m = await load(await Load(id, db, ct));
        await change(m);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(m, db, ct);
    }

    public static Task<MatterResponse> RecordPlan(Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
        Change(id, db, ct, m => ForHandler(m.Id, db, ct), m =>
        {
            m.RecordPlan(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            return Task.CompletedTask;
        });

    public static Task<MatterResponse> RecordProgress(Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
        Change(id, db, ct, m => ForHandler(m.Id, db, ct), m =>
        {
            m.RecordProgress(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            return Task.CompletedTask;
        });

    public static Task<MatterResponse> RequestExtension(Guid id, ExtensionRequest r, BeaconDbContext db, Outbox outbox, SupervisionOptions options,
        LocalTime time, CancellationToken ct) =>
        Change(id, db, ct, m => ForHandler(m.Id, db, ct), async m =>
        {
            var e = m.RequestExtension(r.Deadline ?? DateTimeOffset.MinValue, r.Reason, db.Actor.RequireUserId(), db.Time.GetUtcNow(), options.MaxExtensions);
            await TellOffice(m, "matter.extension-requested", outbox.Text("Matter.ExtensionRequested.Subject", m.Title),
                outbox.Text("Matter.ExtensionRequested.Body", time.Format(e.RequestedDeadline), e.Reason), db, outbox, ct);
        });

    public static Task<MatterResponse> DecideExtension(Guid id, Guid extensionId, DecisionRequest r, BeaconDbContext db, Outbox outbox, LocalTime time,
        CancellationToken ct) =>
        Change(id, db, ct, m => ForOffice(m.Id, db, ct), async m =>
        {
            if (r.Grant is not { } grant)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["grant"] = [Text.Get("Matter.GrantRequired")] });
            }
            if (m.Extensions.FirstOrDefault(e => e.Id == extensionId)?.RequestedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Matter.OfficeOnly"));
            }
            m.DecideExtension(extensionId, grant, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellHandlingSide(m, "matter.extension-decided", outbox.Text(grant ? "Matter.ExtensionGranted.Subject" : "Matter.ExtensionRefused.Subject", m.Title),
                outbox.Text("Matter.ExtensionDecided.Body", time.Format(m.Deadline), r.Note ?? ""), db, outbox, ct);
        });

    public static Task<MatterResponse> FileExplanation(Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, Task.FromResult, async m =>
        {
            m.FileExplanation(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellOffice(m, "matter.explained", outbox.Text("Matter.Explained.Subject", m.Title), m.Explanation!, db, outbox, ct);
        });

    public static Task<MatterResponse> SubmitClosure(Guid id, ClosureRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, m => ForHandler(m.Id, db, ct), async m =>
        {
            var evidence = r.EvidenceFileIds ?? [];
            if (evidence.Count > 0)
            {
                var mine = await db.Set<StoredFile>().IgnoreQueryFilters().CountAsync(f => f.OwnerType == FileOwner && f.OwnerId == m.Id && evidence.Contains(f.Id), ct);
                if (mine != evidence.Distinct().Count())
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["evidenceFileIds"] = [Text.Get("Matter.EvidenceUnknown")] });
                }
            }
            m.SubmitClosure(r.Report, evidence, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellOffice(m, "matter.closure-submitted", outbox.Text("Matter.ClosureSubmitted.Subject", m.Title), m.ClosingReport!, db, outbox, ct);
        });

    public static Task<MatterResponse> AcceptClosure(Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, m => ForOffice(m.Id, db, ct), async m =>
        {
            m.AcceptClosure(db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellHandlingSide(m, "matter.closed", outbox.Text("Matter.Closed.Subject", m.Title), m.Code, db, outbox, ct);
        });

    public static Task<MatterResponse> ReturnClosure(Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, m => ForOffice(m.Id, db, ct), async m =>
        {
            m.ReturnClosure(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellHandlingSide(m, "matter.returned", outbox.Text("Matter.Returned.Subject", m.Title), m.ReturnReason ?? "", db, outbox, ct);
        });

    /// <summary>Evidence for the closing report, before it is submitted.</summary>
    public static async Task<StoredFile> Attach(Guid id, string? fileName, Stream content, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Supervision, ct);
        var m = await ForHandler(id, db, ct);
        if (!m.IsOpen)
        {
            throw new ConflictException(Text.Get("Matter.State", m.State));
        }
        var file = await uploads.AttachAsync(db, tx, FileOwner, m.Id, m.HandlingUnitId, m.HandlingUnitPath, fileName, content, ct);
        return file;
    }

    public static async Task<MatterResponse> Get(Guid id, BeaconDbContext db, CancellationToken ct) => await Describe(await Load(id, db, ct), db, ct);

    /// <param name="View">assigned (by the caller's subtree), handling (to it), cards (carded now), accountability (查办), or all.</param>
    public sealed record ListQuery(string? View = null, string? State = null, string? Due = null);

    public static async Task<MatterList> List(ListQuery q, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.MattersRead);
        var path = db.Actor.Scope == ScopeKind.Subtree ? db.Actor.UnitPath : "/";
        var query = db.Readable<Matter>().AsNoTracking();
        query = q.View switch
        {
            null or "" or "all" => query,
            "assigned" => query.Where(m => m.UnitPath.StartsWith(path)),
            // The caller's own unit, or a unit above it, handles them (not the units below, which the office assigned to).
            "handling" => query.Where(m => path.StartsWith(m.HandlingUnitPath) || m.HandlerId == db.Actor.UserId),
            "cards" => query.Where(m => m.Stage != SupervisionStage.None && m.State != MatterState.Closed),
            "accountability" => query.Where(m => m.InAccountability),
            _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["view"] = [Text.Get("Matter.ViewUnknown")] }),
        };
        if (!string.IsNullOrWhiteSpace(q.State))
        {
            if (!Enum.TryParse<MatterState>(q.State, true, out var state) || int.TryParse(q.State, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Matter.StateUnknown")] });
            }
            query = query.Where(m => m.State == state);
        }
        var all = await query.OrderBy(m => m.Deadline).Take(2000).ToListAsync(ct);
        var now = db.Time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(q.Due))
        {
            if (!Enum.TryParse<DueColour>(q.Due, true, out var due) || int.TryParse(q.Due, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["due"] = [Text.Get("Matter.DueUnknown")] });
            }
            all = all.Where(m => m.Colour(now) == due).ToList();
        }
        return new MatterList(MatterCounters.Count(all, now), await DescribeAll(all, db, ct));
    }

    private static async Task<MatterResponse> Describe(Matter m, BeaconDbContext db, CancellationToken ct) => (await DescribeAll([m], db, ct))[0];

    private static async Task<List<MatterResponse>> DescribeAll(IReadOnlyList<Matter> matters, BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var unitIds = matters.SelectMany(m => new[] { m.UnitId, m.HandlingUnitId }).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var userIds = matters.Select(m => m.ResponsibleLeaderId).Distinct().ToList();
        var users = await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return matters.Select(m => new MatterResponse(m.Id, m.Code, m.Title, m.Notice, m.UnitId, units.GetValueOrDefault(m.UnitId, ""), m.HandlingUnitId,
            units.GetValueOrDefault(m.HandlingUnitId, ""), m.ResponsibleLeaderId, users.GetValueOrDefault(m.ResponsibleLeaderId, ""), m.HandlerId, m.Deadline,
            m.OriginalDeadline, m.EffectiveDeadline, m.State.ToString().ToLowerInvariant(), m.Stage.ToString().ToLowerInvariant(),
            m.Colour(now).ToString().ToLowerInvariant(), m.AssignedAt, m.Plan, m.Progress, m.Extensions, m.Cards, m.ExplanationDueAt, m.Explanation,
            m.ExplainedAt, m.InAccountability, m.ClosingReport, m.ClosingEvidenceFileIds, m.ClosureSubmittedAt, m.ClosedAt, m.ReturnReason, m.Revision))
            .ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<MatterResponse>> (AssignRequest r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
            {
                var m = await Assign(r, db, outbox, time, ct);
                return TypedResults.Created($"/api/matters/{m.Id}", m);
            })
            .WithName("AssignMatter")
            .WithSummary("Assigns a matter (交办) to a unit of the caller's subtree: title, notice, responsible leader, deadline; the handling side is notified.")
            .ProducesValidationProblem();
        g.MapGet("/", async Task<Ok<MatterList>> (string? view, string? state, string? due, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await List(new ListQuery(view, state, due), db, ct)))
            .WithName("ListMatters")
            .WithSummary("Matters with counters; view=assigned|handling|cards|accountability, state=assigned|inprogress|closuresubmitted|closed, due=ontrack|duesoon|overdue.");
        g.MapGet("/{id:guid}", async Task<Ok<MatterResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Get(id, db, ct)))
            .WithName("GetMatter").WithSummary("A matter with its plan, progress, extensions, cards, explanation and closure.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPut("/{id:guid}/plan", async Task<Ok<MatterResponse>> (Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await RecordPlan(id, r, db, ct)))
            .WithName("MatterPlan").WithSummary("The handling unit's plan (承办方案).");
        g.MapPost("/{id:guid}/progress", async Task<Ok<MatterResponse>> (Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await RecordProgress(id, r, db, ct)))
            .WithName("MatterProgress").WithSummary("Progress of the handling unit.");
        g.MapPost("/{id:guid}/extensions", async Task<Ok<MatterResponse>> (Guid id, ExtensionRequest r, BeaconDbContext db, Outbox outbox,
                IOptions<SupervisionOptions> o, LocalTime time, CancellationToken ct) => TypedResults.Ok(await RequestExtension(id, r, db, outbox, o.Value, time, ct)))
            .WithName("RequestMatterExtension")
            .WithSummary("The handling unit asks for a later deadline with a reason (at most Beacon:Supervision:MaxExtensions, 2 by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/{id:guid}/extensions/{extensionId:guid}/decision", async Task<Ok<MatterResponse>> (Guid id, Guid extensionId, DecisionRequest r,
                BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) => TypedResults.Ok(await DecideExtension(id, extensionId, r, db, outbox, time, ct)))
            .WithName("DecideMatterExtension").WithSummary("The office grants or refuses (with a note) an extension.");
        g.MapPost("/{id:guid}/explanation", async Task<Ok<MatterResponse>> (Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await FileExplanation(id, r, db, outbox, ct)))
            .WithName("FileMatterExplanation").WithSummary("The responsible leader's written explanation, owed once the supervision card's deadline passed.");
        g.MapPost("/{id:guid}/files", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.Empty")] });
                }
                await using var stream = file.OpenReadStream();
                var stored = await Attach(id, file.FileName, stream, db, uploads, ct);
                return TypedResults.Created($"/api/matters/{id}/files/{stored.Id}", new { stored.Id, stored.FileName, stored.ContentType, stored.Size });
            })
            .WithName("AttachMatterEvidence").WithSummary("Evidence (photo or PDF) for the closing report.").DisableAntiforgery().ProducesValidationProblem();
        g.MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                await Load(id, db, ct);
                var file = (await Uploads.Of(db, FileOwner, [id], ct)).FirstOrDefault(f => f.Id == fileId) ?? throw new NotFoundException("Entity.File", fileId);
                return TypedResults.Stream(await uploads.OpenAsync(file, ct), file.ContentType, file.FileName);
            })
            .WithName("MatterEvidence").WithSummary("A piece of evidence, to those who may read the matter.").ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/closure", async Task<Ok<MatterResponse>> (Guid id, ClosureRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await SubmitClosure(id, r, db, outbox, ct)))
            .WithName("SubmitMatterClosure").WithSummary("The handling unit's closing report (销号申请) with evidence uploaded to the matter.");
        g.MapPost("/{id:guid}/closure/acceptance", async Task<Ok<MatterResponse>> (Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await AcceptClosure(id, db, outbox, ct)))
            .WithName("AcceptMatterClosure").WithSummary("The office closes the matter (销号).");
        g.MapPost("/{id:guid}/closure/return", async Task<Ok<MatterResponse>> (Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await ReturnClosure(id, r, db, outbox, ct)))
            .WithName("ReturnMatterClosure").WithSummary("The office sends the closing report back with a reason.");
    }
}
