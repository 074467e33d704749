using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Beacon.Hazards.Features;

public sealed class HazardOptions
{
    /// <summary>Extensions a rectification may have.</summary>
    public int MaxExtensions { get; set; } = 2;
}

public sealed record FileResponse(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

public sealed record HazardResponse(Guid Id, string Code, Guid UnitId, string UnitName, string Source, Guid? PlanId, string Domain, string Place,
    string Description, int Likelihood, int Impact, string RiskLevel, string RiskLevelName, DateTimeOffset FoundAt, string State, Guid? ResponsibleUnitId,
    string? ResponsibleUnitName, string? ResponsiblePerson, string? Measures, DateTimeOffset? Deadline, DateTimeOffset? OriginalDeadline, string Due,
    IReadOnlyList<Extension> Extensions, IReadOnlyList<ProgressEntry> Progress, IReadOnlyList<Guid> EvidenceFileIds, string? ClosureNote,
    DateTimeOffset? ClosureSubmittedAt, DateTimeOffset? ClosedAt, string? ReturnReason, int RepeatCount, Guid? SourceResponseId, int Revision,
    IReadOnlyList<FileResponse> Files);

/// <summary>
/// Hazards (隐患): recorded with photos, assessed on the risk matrix, rectified by a responsible unit with progress,
/// extensions and evidence, closed (销号) on the office's acceptance, reopened as a repeat when they recur.
/// </summary>
public static class Hazards
{
    public const string FileOwner = "hazard";

    public sealed record RecordRequest(Guid? UnitId, string? Domain, string? Place, string? Description, int? Likelihood, int? Impact, DateTimeOffset? FoundAt,
        Guid? PlanId);

    public sealed record AssessRequest(int? Likelihood, int? Impact);

    public sealed record RectificationRequest(Guid? ResponsibleUnitId, string? ResponsiblePerson, string? Measures, DateTimeOffset? Deadline);

    public sealed record TextRequest(string? Text);

    public sealed record ExtensionRequest(DateTimeOffset? Deadline, string? Reason);

    public sealed record DecisionRequest(bool? Grant, string? Note);

    public sealed record ClosureRequest(IReadOnlyList<Guid>? EvidenceFileIds, string? Note);

    public sealed record FindingRequest(Guid? ResponseId, Guid? FindingId, string? Domain, int? Likelihood, int? Impact);

    /// <summary>"YH-2026-000001": numbered per year, under the hazards lock.</summary>
    internal static Task<Func<string>> Codes(BeaconDbContext db, DateTimeOffset now, CancellationToken ct) =>
        YearlyCodes.SequenceAsync(db.Set<Hazard>().IgnoreQueryFilters().Select(h => h.Code), "YH", now, ct);

    public static async Task<HazardResponse> Record(RecordRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsRecord);
        var unitId = r.UnitId ?? db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        if (r.PlanId is { } planId && !await db.Readable<ScreeningPlan>().AnyAsync(p => p.Id == planId, ct))
        {
            throw new NotFoundException("Entity.ScreeningPlan", planId);
        }
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var now = db.Time.GetUtcNow();
        var code = (await Codes(db, now, ct))();
        var hazard = Hazard.Record(new RecordInput(unitId, unitPath, code, r.PlanId is null ? HazardSource.Inspection : HazardSource.Screening, r.Domain, r.Place,
            r.Description, r.Likelihood ?? 0, r.Impact ?? 0, r.FoundAt, r.PlanId), await RiskMatrices.Current(db, ct), db.Actor.RequireUserId(), now);
        db.Set<Hazard>().Add(hazard);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(hazard, db, ct);
    }

    /// <summary>A finding of a response's review becomes a hazard under rectification by the finding's owner unit, in one step.</summary>
    public static async Task<HazardResponse> FromFinding(FindingRequest r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct)
    {
        db.Actor.Require(Permissions.HazardsManage);
        var response = await ResponseReview.GetAsync(db, r.ResponseId ?? Guid.Empty, ct);
        // The office that ran the response acts on its review; a unit that only took part does not.
        if (!db.Actor.Sees(response.UnitPath))
        {
            throw new ForbiddenException(Text.Get("Hazard.OfficeOnly"));
        }
        var finding = response.Findings.FirstOrDefault(f => f.Id == r.FindingId) ?? throw new NotFoundException("Entity.Finding", r.FindingId ?? Guid.Empty);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        if (await db.Readable<Hazard>().FirstOrDefaultAsync(h => h.SourceFindingId == finding.Id, ct) is { } existing)
        {
            return await Describe(existing, db, ct);
        }
        var ownerPath = finding.OwnerUnitId is { } o ? await db.Units.Where(u => u.Id == o).Select(u => u.Path).FirstOrDefaultAsync(ct) : null;
        var now = db.Time.GetUtcNow();
        var hazard = Hazard.FromFinding(new FindingInput(response.UnitId, response.UnitPath, (await Codes(db, now, ct))(), response.ResponseId, finding.Id,
                finding.Text, ownerPath is null ? null : finding.OwnerUnitId, finding.Owner, finding.Deadline, r.Domain ?? "应急处置", response.Place, r.Likelihood ?? 3,
                r.Impact ?? 3), await RiskMatrices.Current(db, ct), db.Actor.RequireUserId(), now);
        hazard.LocateResponsibleUnit(ownerPath!);
        db.Set<Hazard>().Add(hazard);
        await TellRectifier(hazard, "hazard.rectification-assigned", outbox.Text("Hazard.Assigned.Subject", hazard.Code),
            outbox.Text("Hazard.Assigned.Body", hazard.Place, hazard.Measures, time.Format(hazard.Deadline!.Value)), db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(hazard, db, ct);
    }

    private static async Task<HazardResponse> Change(Guid id, BeaconDbContext db, CancellationToken ct, Func<Guid, Task<Hazard>> load, Func<Hazard, Task> change)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var h = await load(id);
        await change(h);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Describe(h, db, ct);
    }

    public static Task<HazardResponse> Reassess(Guid id, AssessRequest r, BeaconDbContext db, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
            h.Reassess(r.Likelihood ?? 0, r.Impact ?? 0, await RiskMatrices.Current(db, ct), db.Actor.RequireUserId(), db.Time.GetUtcNow()));

    /// <summary>The office names the responsible unit (of its subtree), person, measures and deadline; the unit is told.</summary>
    public static Task<HazardResponse> SetRectification(Guid id, RectificationRequest r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            var path = r.ResponsibleUnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct) : null;
            if (r.ResponsibleUnitId is not null && path is null)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["responsibleUnitId"] = [Text.Get("Hazard.ResponsibleUnknown")] });
            }
            var before = (h.ResponsibleUnitId, h.Deadline);
            h.SetRectification(r.ResponsibleUnitId, r.ResponsiblePerson, r.Measures, r.Deadline, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            h.LocateResponsibleUnit(path!);
            if (before != (h.ResponsibleUnitId, h.Deadline))
            {
                await TellRectifier(h, "hazard.rectification-assigned", outbox.Text("Hazard.Assigned.Subject", h.Code),
                    outbox.Text("Hazard.Assigned.Body", h.Place, h.Measures, time.Format(h.Deadline!.Value)), db, outbox, ct);
            }
        });

    public static Task<HazardResponse> RecordProgress(Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), h =>
        {
            h.RecordProgress(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            return Task.CompletedTask;
        });

    public static Task<HazardResponse> RequestExtension(Guid id, ExtensionRequest r, BeaconDbContext db, Outbox outbox, HazardOptions options, LocalTime time,
        CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), h =>
        {
            var e = h.RequestExtension(r.Deadline ?? DateTimeOffset.MinValue, r.Reason, db.Actor.RequireUserId(), db.Time.GetUtcNow(), options.MaxExtensions);
            TellOffice(h, "hazard.extension-requested", outbox.Text("Hazard.ExtensionRequested.Subject", h.Code),
                outbox.Text("Hazard.ExtensionRequested.Body", time.Format(e.RequestedDeadline), e.Reason), db, outbox);
            return Task.CompletedTask;
        });

    public static Task<HazardResponse> DecideExtension(Guid id, Guid extensionId, DecisionRequest r, BeaconDbContext db, Outbox outbox, LocalTime time,
        CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            if (r.Grant is not { } grant)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["grant"] = [Text.Get("Hazard.GrantRequired")] });
            }
            if (h.Extensions.FirstOrDefault(e => e.Id == extensionId)?.RequestedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Hazard.OwnRequest"));
            }
            h.DecideExtension(extensionId, grant, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellRectifier(h, "hazard.extension-decided", outbox.Text(grant ? "Hazard.ExtensionGranted.Subject" : "Hazard.ExtensionRefused.Subject", h.Code),
                outbox.Text("Hazard.ExtensionDecided.Body", time.Format(h.Deadline!.Value), r.Note ?? ""), db, outbox, ct);
        });

    public static Task<HazardResponse> SubmitClosure(Guid id, ClosureRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForRectifier(x, db, ct), async h =>
        {
            var evidence = (r.EvidenceFileIds ?? []).Distinct().ToList();
            var known = await db.Set<StoredFile>().IgnoreQueryFilters().CountAsync(f => f.OwnerType == FileOwner && f.OwnerId == h.Id && evidence.Contains(f.Id), ct);
            if (known != evidence.Count)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["evidence"] = [Text.Get("Hazard.EvidenceUnknown")] });
            }
            h.SubmitClosure(evidence, r.Note, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            TellOffice(h, "hazard.closure-submitted", outbox.Text("Hazard.ClosureSubmitted.Subject", h.Code), h.ClosureNote ?? "", db, outbox);
        });

    public static Task<HazardResponse> AcceptClosure(Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            if (h.ClosureSubmittedBy == db.Actor.UserId)
            {
                throw new ForbiddenException(Text.Get("Hazard.OwnRequest"));
            }
            h.AcceptClosure(db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellRectifier(h, "hazard.closed", outbox.Text("Hazard.Closed.Subject", h.Code), h.Place, db, outbox, ct);
        });

    public static Task<HazardResponse> ReturnClosure(Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            h.ReturnClosure(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellRectifier(h, "hazard.returned", outbox.Text("Hazard.Returned.Subject", h.Code), h.ReturnReason ?? "", db, outbox, ct);
        });

    /// <summary>A closed hazard that recurs: open again, counted as a repeat for its unit.</summary>
    public static Task<HazardResponse> Reopen(Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
        Change(id, db, ct, x => HazardAccess.ForOffice(x, db, ct), async h =>
        {
            h.Reopen(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow());
            await TellRectifier(h, "hazard.reopened", outbox.Text("Hazard.Reopened.Subject", h.Code), h.ReopenReason ?? "", db, outbox, ct);
        });

    public static async Task<StoredFile> Attach(Guid id, string? fileName, Stream content, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Hazards, ct);
        var h = await HazardAccess.ForRectifier(id, db, ct);
        if (h.State == HazardState.Closed)
        {
            throw new ConflictException(Text.Get("Hazard.Closed"));
        }
        var file = await uploads.AttachAsync(db, tx, FileOwner, h.Id, h.UnitId, h.UnitPath, fileName, content, ct);
        return file;
    }

    /// <summary>Leaders and handlers of the responsible unit.</summary>
    private static async Task TellRectifier(Hazard h, string topic, string subject, string body, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        if (h.ResponsibleUnitId is not { } unit)
        {
            return;
        }
        foreach (var (user, _) in await People.WithRoles(db, [unit], [Roles.Leader, Roles.Handler], ct))
        {
            outbox.ToUser(db, topic, user, h.ResponsibleUnitPath ?? h.UnitPath, subject, body, "hazard", h.Id.ToString());
        }
    }

    /// <summary>Whoever assigned the rectification hears the unit's requests.</summary>
    private static void TellOffice(Hazard h, string topic, string subject, string body, BeaconDbContext db, Outbox outbox)
    {
        if (h.AssignedBy is { } office && office != Guid.Empty)
        {
            outbox.ToUser(db, topic, office, h.UnitPath, subject, body, "hazard", h.Id.ToString());
        }
    }

    public static async Task<HazardResponse> Get(Guid id, BeaconDbContext db, CancellationToken ct) => await Describe(await HazardAccess.Load(id, db, ct), db, ct);

    internal static async Task<HazardResponse> Describe(Hazard h, BeaconDbContext db, CancellationToken ct) => (await DescribeAll([h], db, ct, files: true))[0];

    internal static async Task<List<HazardResponse>> DescribeAll(IReadOnlyList<Hazard> hazards, BeaconDbContext db, CancellationToken ct, bool files = false)
    {
        var now = db.Time.GetUtcNow();
        var unitIds = hazards.SelectMany(h => new[] { h.UnitId, h.ResponsibleUnitId ?? Guid.Empty }).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var attached = files ? (await Uploads.Of(db, FileOwner, hazards.Select(h => h.Id).ToList(), ct)).ToLookup(f => f.OwnerId) : null;
        return hazards.Select(h => new HazardResponse(h.Id, h.Code, h.UnitId, units.GetValueOrDefault(h.UnitId, ""), h.Source.ToString().ToLowerInvariant(), h.PlanId,
            h.Domain, h.Place, h.Description, h.Likelihood, h.Impact, h.RiskLevel, h.RiskLevelName, h.FoundAt, h.State.ToString().ToLowerInvariant(),
            h.ResponsibleUnitId, h.ResponsibleUnitId is { } r ? units.GetValueOrDefault(r) : null, h.ResponsiblePerson, h.Measures, h.Deadline,
            h.OriginalDeadline, h.Due(now).ToString().ToLowerInvariant(), h.Extensions, h.Progress, h.EvidenceFileIds, h.ClosureNote, h.ClosureSubmittedAt,
            h.ClosedAt, h.ReturnReason, h.RepeatCount, h.SourceResponseId, h.Revision,
            attached is null ? [] : attached[h.Id].Select(f => new FileResponse(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToList())).ToList();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<HazardResponse>> (RecordRequest r, BeaconDbContext db, CancellationToken ct) =>
            {
                var h = await Record(r, db, ct);
                return TypedResults.Created($"/api/hazards/{h.Id}", h);
            })
            .WithName("RecordHazard")
            .WithSummary("Records a hazard (隐患) of the caller's unit (or one below): domain, place, description, likelihood and impact on the risk matrix; during a plan with planId.")
            .ProducesValidationProblem();
        g.MapPost("/from-finding", async Task<Ok<HazardResponse>> (FindingRequest r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
                TypedResults.Ok(await FromFinding(r, db, outbox, time, ct)))
            .WithName("HazardFromFinding")
            .WithSummary("Turns a finding of a response's review into a hazard under rectification by the finding's owner unit, with its deadline; once per finding.");
        g.MapGet("/{id:guid}", async Task<Ok<HazardResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await Get(id, db, ct)))
            .WithName("GetHazard").WithSummary("A hazard with its rectification, extensions, progress, closure and files.").ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPut("/{id:guid}/assessment", async Task<Ok<HazardResponse>> (Guid id, AssessRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Reassess(id, r, db, ct)))
            .WithName("ReassessHazard").WithSummary("Moves the hazard to another cell of the matrix.");
        g.MapPut("/{id:guid}/rectification", async Task<Ok<HazardResponse>> (Guid id, RectificationRequest r, BeaconDbContext db, Outbox outbox, LocalTime time,
                CancellationToken ct) => TypedResults.Ok(await SetRectification(id, r, db, outbox, time, ct)))
            .WithName("SetRectification").WithSummary("The office sets the rectification (整改): responsible unit, person, measures, deadline in the future.")
            .ProducesValidationProblem();
        g.MapPost("/{id:guid}/progress", async Task<Ok<HazardResponse>> (Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await RecordProgress(id, r, db, ct)))
            .WithName("HazardProgress").WithSummary("The responsible unit records progress.");
        g.MapPost("/{id:guid}/extensions", async Task<Ok<HazardResponse>> (Guid id, ExtensionRequest r, BeaconDbContext db, Outbox outbox,
                IOptions<HazardOptions> o, LocalTime time, CancellationToken ct) => TypedResults.Ok(await RequestExtension(id, r, db, outbox, o.Value, time, ct)))
            .WithName("RequestHazardExtension")
            .WithSummary("The responsible unit asks for a later deadline with a reason (at most Beacon:Hazards:MaxExtensions, 2 by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/{id:guid}/extensions/{extensionId:guid}/decision", async Task<Ok<HazardResponse>> (Guid id, Guid extensionId, DecisionRequest r,
                BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) => TypedResults.Ok(await DecideExtension(id, extensionId, r, db, outbox, time, ct)))
            .WithName("DecideHazardExtension").WithSummary("The office grants or refuses (with a note).");
        g.MapPost("/{id:guid}/closure", async Task<Ok<HazardResponse>> (Guid id, ClosureRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await SubmitClosure(id, r, db, outbox, ct)))
            .WithName("SubmitHazardClosure").WithSummary("The unit asks to close (销号) with evidence files uploaded to the hazard and a note.")
            .ProducesValidationProblem();
        g.MapPost("/{id:guid}/closure/acceptance", async Task<Ok<HazardResponse>> (Guid id, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await AcceptClosure(id, db, outbox, ct)))
            .WithName("AcceptHazardClosure").WithSummary("The office accepts: closed.");
        g.MapPost("/{id:guid}/closure/return", async Task<Ok<HazardResponse>> (Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await ReturnClosure(id, r, db, outbox, ct)))
            .WithName("ReturnHazardClosure").WithSummary("The office sends it back with a reason.");
        g.MapPost("/{id:guid}/reopen", async Task<Ok<HazardResponse>> (Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Reopen(id, r, db, outbox, ct)))
            .WithName("ReopenHazard").WithSummary("A closed hazard recurs: reopened and counted as a repeat.");
        g.MapPost("/{id:guid}/files", async Task<IResult> (Guid id, HttpRequest request, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [Text.Get("File.Empty")] });
                }
                await using var stream = file.OpenReadStream();
                var stored = await Attach(id, file.FileName, stream, db, uploads, ct);
                return TypedResults.Created($"/api/hazards/{id}/files/{stored.Id}",
                    new FileResponse(stored.Id, stored.FileName, stored.ContentType, stored.Size, stored.UploadedAt));
            })
            .WithName("AttachHazardFile")
            .WithSummary("A photo (JPEG, PNG, GIF, WebP) or PDF of the hazard or of its rectification (form field 'file', 10 MB by default); the type is read from the bytes.")
            .DisableAntiforgery().ProducesValidationProblem();
        g.MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct) =>
            {
                var (file, content) = await Download(id, fileId, db, uploads, ct);
                return TypedResults.Stream(content, file.ContentType, file.FileName);
            })
            .WithName("HazardFile").WithSummary("A file of the hazard, to those who may read it.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<(StoredFile File, Stream Content)> Download(Guid id, Guid fileId, BeaconDbContext db, Uploads uploads, CancellationToken ct)
    {
        await HazardAccess.Load(id, db, ct);
        var file = (await Uploads.Of(db, FileOwner, [id], ct)).FirstOrDefault(f => f.Id == fileId) ?? throw new NotFoundException("Entity.File", fileId);
        return (file, await uploads.OpenAsync(file, ct));
    }
}
