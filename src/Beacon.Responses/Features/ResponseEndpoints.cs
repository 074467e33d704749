using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Files;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Beacon.Warnings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

public sealed record TaskResponse(Guid Id, string GroupCode, string Title, Guid? AssigneeUnitId, string? AssigneeUnitName, Guid? AssigneeUserId,
    string? AssigneeName, DateTimeOffset DueAt, string State, bool Overdue, bool FromMeasure, string? LastProgress, DateTimeOffset? LastProgressAt,
    DateTimeOffset? DoneAt, string? CompletionNote, int Revision, IReadOnlyList<AttachmentResponse> Files);

public sealed record UpdateResponse(Guid Id, string Text, Guid By, string ByName, DateTimeOffset At);

public sealed record ResponseSummary(Guid Id, Guid UnitId, string UnitName, string EventTypeCode, string Place, int Level, string State,
    DateTimeOffset ActivatedAt, DateTimeOffset? TerminatedAt, Guid CommanderId, string CommanderName, DateTimeOffset? UpdateDueAt, DateTimeOffset? ReportDueAt);

public sealed record ResponseDetail(Guid Id, Guid UnitId, string UnitName, string EventTypeCode, string EventTypeName, string Place, string Scope, int Level,
    string State, int Revision, Guid CommanderId, string CommanderName, DateTimeOffset ActivatedAt, Guid? SourceReportId, Guid? SourceWarningId,
    Guid? PlanId, string Filing, IReadOnlyList<CommandGroup> Groups, IReadOnlyList<LevelChange> LevelChanges, IReadOnlyList<TaskResponse> Tasks,
    DateTimeOffset? UpdateDueAt, int MissedUpdates, string? TerminationCondition, DateTimeOffset? TerminationRequestedAt, DateTimeOffset? TerminatedAt,
    DateTimeOffset? ReportDueAt, DateTimeOffset? ReportFiledAt, string? ResourcesUsed, IReadOnlyList<Finding> Findings, DateTimeOffset? ReviewedAt,
    bool IsCommander);

/// <summary>
/// Graded emergency response (应急响应): activation by the authority of the level, the command post and its
/// tasks, situation updates on a clock, level changes, termination, the handling report and the review.
/// </summary>
public static class ResponseEndpoints
{
    public sealed record ActivateRequest(int? Level, string? EventTypeCode, string? Place, string? Scope, Guid? ReportId, Guid? WarningId,
        Guid? CommanderId);

    public sealed record LevelRequest(int? Level, int? Revision, string? Reason);

    public sealed record TextRequest(string? Text);

    public sealed record TerminationRequest(string? Condition);

    public sealed record FindingRequest(string? Text, Guid? OwnerUnitId, string? Owner, DateTimeOffset? Deadline);

    public static async Task<Response> Get(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesRead);
        return await db.Readable<Response>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Entity.Response", id);
    }

    internal static async Task<Authority> AuthorityOf(BeaconDbContext db, CancellationToken ct)
    {
        var me = db.Actor.RequireUserId();
        return await db.Users.Where(u => u.Id == me).Select(u => u.Authority).FirstAsync(ct);
    }

    internal static async Task<TimeSpan> UpdateInterval(BeaconDbContext db, string unitPath, int level, CancellationToken ct) =>
        Response.OwesUpdates(level)
            ? (await Policies.ForAsync(db, unitPath, ct)).Rule(DeadlineKind.SituationUpdate, (EventLevel)level).Within
            : TimeSpan.FromMinutes(30);

    internal static async Task<TimeSpan> ReportWindow(BeaconDbContext db, string unitPath, CancellationToken ct) =>
        (await Policies.ForAsync(db, unitPath, ct)).Rule(DeadlineKind.HandlingReport).Within;

    /// <summary>
    /// A leader activates at a level their authority permits, for their own unit, from a graded report or a
    /// warning (which give the type, place and level unless the leader says otherwise) or from scratch.
    /// </summary>
    public static async Task<ResponseDetail> Activate(ActivateRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesCommand);
        var me = db.Actor.RequireUserId();
        var unitId = db.Actor.UnitId ?? throw new ForbiddenException(Text.Get("Forbidden"));
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (type, place, level) = (r.EventTypeCode, r.Place, r.Level);
        if (r.ReportId is { } reportId)
        {
            var report = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == reportId, ct)
                ?? throw new NotFoundException("Entity.Report", reportId);
            if (report.Level is null)
            {
                throw new DomainException(Text.Get("Response.ReportNotGraded"), "reportId");
            }
            if (await db.Set<Response>().IgnoreQueryFilters().AnyAsync(x => x.SourceReportId == reportId
                && (x.State == ResponseState.Active || x.State == ResponseState.Terminating), ct))
            {
                throw new ConflictException(Text.Get("Response.AlreadyActive"), "reportId");
            }
            type ??= report.EventTypeCode;
            place ??= report.Place;
            level ??= (int?)report.Level;
        }
        if (r.WarningId is { } warningId)
        {
            var warning = await WarningFacts.FindAsync(db, warningId, ct) ?? throw new NotFoundException("Entity.Warning", warningId);
            if (!warning.InForce)
            {
                throw new DomainException(Text.Get("Response.WarningNotInForce"), "warningId");
            }
            if (await db.Set<Response>().IgnoreQueryFilters().AnyAsync(x => x.SourceWarningId == warningId
                && (x.State == ResponseState.Active || x.State == ResponseState.Terminating), ct))
            {
                throw new ConflictException(Text.Get("Response.AlreadyActive"), "warningId");
            }
            type ??= warning.EventTypeCode;
            place ??= warning.AreaDescription;
            level ??= warning.Colour;
        }
        if (!string.IsNullOrWhiteSpace(type) && !await db.Set<EventType>().AnyAsync(t => t.Code == type.Trim() && t.ParentCode != null && t.IsActive, ct))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["eventTypeCode"] = [Text.Get("Response.EventType")] });
        }
        var commander = r.CommanderId ?? me;
        var unitPath = await db.UnitPathAsync(unitId, ct);
        if (commander != me && !await IsLeaderIn(db, commander, unitPath, ct))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["commanderId"] = [Text.Get("Response.Commander")] });
        }
        var plan = string.IsNullOrWhiteSpace(type) ? null : await PlanFor(db, unitPath, type.Trim(), ct);
        var lvl = level ?? 0;
        var response = Response.Activate(new ActivateInput(unitId, unitPath, type?.Trim(), place, r.Scope, lvl, commander, r.ReportId, r.WarningId, plan),
            await AuthorityOf(db, ct), me, db.Time.GetUtcNow(), await UpdateInterval(db, unitPath, lvl is >= 1 and <= 4 ? lvl : 4, ct));
        db.Set<Response>().Add(response);
        var tasks = ResponseTask.FromPlan(response, plan, me, db.Time.GetUtcNow());
        db.Set<ResponseTask>().AddRange(tasks);
        // A plan kept above may name units of other subtrees: only those within this response's take part.
        var named = response.Groups.SelectMany(g => g.MemberUnitIds.Append(g.LeadUnitId ?? Guid.Empty)).Concat(tasks.Select(t => t.AssigneeUnitId ?? Guid.Empty))
            .Where(u => u != Guid.Empty).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => named.Contains(u.Id) && u.Path.StartsWith(unitPath)).Select(u => u.Id).ToListAsync(ct);
        var commanderUnit = await db.Users.IgnoreQueryFilters().Where(u => u.Id == commander).Select(u => u.UnitId).FirstAsync(ct);
        if (!units.Contains(commanderUnit) && commanderUnit != unitId)
        {
            // A commander from a unit below reads the post through taking part.
            units.Add(commanderUnit);
        }
        db.Set<ResponseParticipant>().AddRange(units.Select(u => ResponseParticipant.Of(response.Id, u)));
        db.AuditEvent("response.activated", "Response", response.Id.ToString(), new { response.Level, response.EventTypeCode, response.Place }, unitPath);

        var subject = outbox.Text("Response.Activated.Subject", Response.Roman(response.Level), response.Place);
        var body = outbox.Text("Response.Activated.Body", Response.Roman(response.Level), response.Place, response.Scope);
        var told = new HashSet<Guid>();
        void Tell(Guid user, string path, string s, string b)
        {
            if (told.Add(user))
            {
                outbox.ToUser(db, "response.activated", user, path, s, b, "response", response.Id.ToString());
            }
        }
        Tell(commander, unitPath, outbox.Text("Response.Commander.Subject", Response.Roman(response.Level), response.Place), body);
        foreach (var (user, path) in await PeopleOf(db, units, ct))
        {
            Tell(user, path, subject, body);
        }
        // Levels II–IV are reported for the record (备案) to the body named in PRODUCT.md, at once.
        foreach (var (user, path) in await FilingBody(db, response, ct))
        {
            Tell(user, path, outbox.Text("Response.Filed.Subject", Response.Roman(response.Level), response.Place), body);
        }
        outbox.ToWebhooks(db, "response.activated", unitPath, subject, body, "response", response.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    private static async Task<bool> IsLeaderIn(BeaconDbContext db, Guid userId, string unitPath, CancellationToken ct) =>
        await (from u in db.Users.IgnoreQueryFilters()
               join ur in db.UserRoles on u.Id equals ur.UserId
               join role in db.Roles on ur.RoleId equals role.Id
               where u.Id == userId && !u.IsDisabled && role.Name == Roles.Leader && u.Unit!.Path.StartsWith(unitPath)
               select u.Id).AnyAsync(ct);

    /// <summary>The plan for the event type nearest the unit: its own, else the nearest unit above that has one.</summary>
    internal static async Task<ResponsePlan?> PlanFor(BeaconDbContext db, string unitPath, string eventTypeCode, CancellationToken ct)
    {
        var chain = UnitPaths.Ancestors(unitPath);
        var plans = await db.Set<ResponsePlan>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.EventTypeCode == eventTypeCode && chain.Contains(p.UnitPath)).ToListAsync(ct);
        return plans.OrderByDescending(p => p.UnitPath.Length).FirstOrDefault();
    }

    /// <summary>Leaders, duty officers and handlers of the units taking part: the people of the command post's groups.</summary>
    internal static async Task<List<(Guid User, string Path)>> PeopleOf(BeaconDbContext db, IReadOnlyCollection<Guid> unitIds, CancellationToken ct)
    {
        return await People.WithRoles(db, unitIds, [Roles.Leader, Roles.DutyOfficer, Roles.Handler], ct);
    }

    /// <summary>
    /// Who a response is reported to for the record: level II the principal leader of the unit, level III the
    /// leaders of the office above, level IV those of the department above; level I nobody.
    /// </summary>
    internal static async Task<List<(Guid User, string Path)>> FilingBody(BeaconDbContext db, Response response, CancellationToken ct)
    {
        switch (response.Filing)
        {
            case RecordFiling.PrincipalLeader:
                var principal = await db.Users.IgnoreQueryFilters()
                    .Where(u => !u.IsDisabled && u.UnitId == response.UnitId && u.Authority == Authority.PrincipalLeader)
                    .Select(u => new { u.Id, u.Unit!.Path }).ToListAsync(ct);
                return principal.Select(p => (p.Id, p.Path)).ToList();
            case RecordFiling.UpperOffice or RecordFiling.UpperDepartment:
                var parent = await db.Units.IgnoreQueryFilters().Where(u => u.Id == response.UnitId).Select(u => u.ParentId).FirstOrDefaultAsync(ct);
                if (parent is not { } above)
                {
                    return [];
                }
                return await People.WithRoles(db, [above], [Roles.Leader], ct);
            default:
                return [];
        }
    }

    /// <summary>Loads a response for a decision by a leader of its subtree, under the responses lock.</summary>
    private static async Task<(Response, Authority)> ForDecision(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesCommand);
        var response = await db.Set<Response>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (response is null)
        {
            // Read by a participant but decided only within the subtree: a participant is told "forbidden", not "not found".
            if (await db.Readable<Response>().AnyAsync(r => r.Id == id, ct))
            {
                throw new ForbiddenException(Text.Get("Response.NotYours"));
            }
            throw new NotFoundException("Entity.Response", id);
        }
        return (response, await AuthorityOf(db, ct));
    }

    public static async Task<ResponseDetail> ChangeLevel(Guid id, LevelRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ForDecision(id, db, ct);
        var from = response.Level;
        var to = r.Level ?? 0;
        response.ChangeLevel(to, r.Revision ?? -1, authority, db.Actor.RequireUserId(), r.Reason, db.Time.GetUtcNow(),
            await UpdateInterval(db, response.UnitPath, to is >= 1 and <= 4 ? to : 4, ct));
        db.AuditEvent("response.level-changed", "Response", response.Id.ToString(), new { From = from, To = to, r.Reason }, response.UnitPath);
        if (to < from && response.PlanId is { } planId
            && await db.Set<ResponsePlan>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) is { } plan)
        {
            // Raised: the measures of the levels now reached become tasks, due from the decision.
            var now = db.Time.GetUtcNow();
            foreach (var m in plan.Measures.Where(m => m.Level >= to && m.Level < from))
            {
                if (response.GroupFor(m.GroupCode) is { } group)
                {
                    db.Set<ResponseTask>().Add(ResponseTask.Create(response, group.Code, m.Title, group.LeadUnitId, null, now.AddMinutes(m.TargetMinutes),
                        db.Actor.RequireUserId(), now));
                }
            }
        }
        var subject = outbox.Text("Response.LevelChanged.Subject", response.Place, Response.Roman(from), Response.Roman(to));
        var units = await db.Set<ResponseParticipant>().Where(p => p.ResponseId == id).Select(p => p.UnitId).ToListAsync(ct);
        var people = (await PeopleOf(db, units, ct)).Concat(await FilingBody(db, response, ct)).Append((response.CommanderId, response.UnitPath));
        foreach (var (user, path) in people.DistinctBy(p => p.Item1))
        {
            outbox.ToUser(db, "response.level-changed", user, path, subject, r.Reason!, "response", response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    /// <summary>The commander states the condition; with the authority of the level it ends at once, otherwise the approver decides.</summary>
    public static async Task<ResponseDetail> RequestTermination(Guid id, TerminationRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await Get(id, db, ct);
        // Ending at once takes the authority of the level held by a leader of the response's subtree.
        var authority = db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath) ? await AuthorityOf(db, ct) : Authority.None;
        if (!db.Actor.Sees(response.UnitPath) && response.CommanderId != db.Actor.UserId)
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
        response.RequestTermination(r.Condition, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(), await ReportWindow(db, response.UnitPath, ct));
        if (response.State == ResponseState.Terminating)
        {
            // The approvers of the level: leaders of the unit whose authority permits it.
            foreach (var (user, path) in await Approvers(db, response, ct))
            {
                outbox.ToUser(db, "response.termination-requested", user, path, outbox.Text("Response.TerminationRequested.Subject", response.Place),
                    response.TerminationCondition!, "response", response.Id.ToString());
            }
        }
        else
        {
            await TellTerminated(response, db, outbox, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    public static async Task<ResponseDetail> ApproveTermination(Guid id, int? revision, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ForDecision(id, db, ct);
        if (revision is { } seen && seen != response.Revision)
        {
            // The approver decides on the condition they read: not on one stated again since.
            throw new ConflictException(Text.Get("Response.Stale"), "revision");
        }
        response.ApproveTermination(db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(), await ReportWindow(db, response.UnitPath, ct));
        await TellTerminated(response, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    public static async Task<ResponseDetail> RejectTermination(Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ForDecision(id, db, ct);
        // The condition sent back stays on record (the response keeps only the latest request).
        db.AuditEvent("response.termination-rejected", "Response", response.Id.ToString(), new { response.TerminationCondition, Reason = r.Text },
            response.UnitPath);
        response.RejectTermination(r.Text, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(),
            await UpdateInterval(db, response.UnitPath, response.Level, ct));
        outbox.ToUser(db, "response.termination-rejected", response.CommanderId, response.UnitPath,
            outbox.Text("Response.TerminationRejected.Subject", response.Place), r.Text!, "response", response.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    private static async Task<List<(Guid User, string Path)>> Approvers(BeaconDbContext db, Response response, CancellationToken ct)
    {
        var ancestors = UnitPaths.Ancestors(response.UnitPath);
        var leaders = await db.Users.IgnoreQueryFilters()
            .Where(u => !u.IsDisabled && u.Authority != Authority.None && ancestors.Contains(u.Unit!.Path))
            .Select(u => new { u.Id, u.Authority, u.Unit!.Path }).ToListAsync(ct);
        // The response's own unit first; when none of its leaders holds the level's authority, the nearest unit above.
        return leaders.Where(l => Authorities.Permits(l.Authority, response.Level)).GroupBy(l => l.Path).OrderByDescending(g => g.Key.Length)
            .FirstOrDefault()?.Select(l => (l.Id, l.Path)).ToList() ?? [];
    }

    private static async Task TellTerminated(Response response, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.AuditEvent("response.terminated", "Response", response.Id.ToString(), new { response.Level, response.TerminationCondition }, response.UnitPath);
        var units = await db.Set<ResponseParticipant>().Where(p => p.ResponseId == response.Id).Select(p => p.UnitId).ToListAsync(ct);
        var subject = outbox.Text("Response.Terminated.Subject", Response.Roman(response.Level), response.Place);
        foreach (var (user, path) in (await PeopleOf(db, units, ct)).Concat(await FilingBody(db, response, ct)).Append((response.CommanderId, response.UnitPath))
            .DistinctBy(p => p.Item1))
        {
            outbox.ToUser(db, "response.terminated", user, path, subject, response.TerminationCondition ?? "", "response", response.Id.ToString());
        }
    }

    /// <summary>A situation update by the commander or anyone of a unit taking part; at levels I and II it restarts the clock.</summary>
    public static async Task<UpdateResponse> PostUpdate(Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await Get(id, db, ct);
        await RequireTakingPart(response, db, ct);
        var update = response.PostUpdate(r.Text, db.Actor.RequireUserId(), db.Time.GetUtcNow(), await UpdateInterval(db, response.UnitPath, response.Level, ct));
        db.Set<SituationUpdate>().Add(update);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new UpdateResponse(update.Id, update.Text, update.By, db.Actor.Name, update.At);
    }

    /// <summary>The commander, anyone of the response's subtree, or of a unit taking part.</summary>
    internal static async Task RequireTakingPart(Response response, BeaconDbContext db, CancellationToken ct)
    {
        if (response.CommanderId == db.Actor.UserId || db.Actor.Sees(response.UnitPath))
        {
            return;
        }
        var unit = db.Actor.UnitId;
        if (!await db.Set<ResponseParticipant>().AnyAsync(p => p.ResponseId == response.Id && p.UnitId == unit, ct))
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
    }

    public static async Task<List<UpdateResponse>> Updates(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        await Get(id, db, ct);
        var updates = await db.Set<SituationUpdate>().IgnoreQueryFilters().AsNoTracking().Where(u => u.ResponseId == id).OrderByDescending(u => u.At)
            .ToListAsync(ct);
        var names = await Names(db, updates.Select(u => u.By), ct);
        return updates.Select(u => new UpdateResponse(u.Id, u.Text, u.By, names.GetValueOrDefault(u.By, ""), u.At)).ToList();
    }

    public static async Task<ResponseDetail> RecordResources(Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await Get(id, db, ct);
        await RequireTakingPart(response, db, ct);
        response.RecordResources(r.Text);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    public static async Task<ResponseDetail> AddFinding(Guid id, FindingRequest r, BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ForReview(id, db, ct);
        if (r.OwnerUnitId is { } owner && !await db.Units.AnyAsync(u => u.Id == owner, ct))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["ownerUnitId"] = [Text.Get("Response.OwnerUnit")] });
        }
        response.AddFinding(r.Text, r.OwnerUnitId, r.Owner, r.Deadline, db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    public static async Task<ResponseDetail> CompleteReview(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ForReview(id, db, ct);
        response.CompleteReview(db.Actor.RequireUserId(), db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Detail(response, db, ct);
    }

    /// <summary>The review (复盘) is the commander's, or a leader's of the response's subtree.</summary>
    private static async Task<Response> ForReview(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        var response = await Get(id, db, ct);
        if (response.CommanderId != db.Actor.UserId && !(db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)))
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
        return response;
    }

    public static async Task<List<ResponseSummary>> List(string? state, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesRead);
        var q = db.Readable<Response>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<ResponseState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = [Text.Get("Response.StateFilter")] });
            }
            q = q.Where(r => r.State == s);
        }
        var list = await q.OrderByDescending(r => r.ActivatedAt).Take(500).ToListAsync(ct);
        var names = await Names(db, list.Select(r => r.CommanderId), ct);
        var unitIds = list.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return list.Select(r => new ResponseSummary(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, ""), r.EventTypeCode, r.Place, r.Level,
            r.State.ToString().ToLowerInvariant(), r.ActivatedAt, r.TerminatedAt, r.CommanderId, names.GetValueOrDefault(r.CommanderId, ""), r.UpdateDueAt,
            r.ReportDueAt)).ToList();
    }

    internal static async Task<Dictionary<Guid, string>> Names(BeaconDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var set = ids.Distinct().ToList();
        return await db.Users.IgnoreQueryFilters().Where(u => set.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public static async Task<ResponseDetail> Detail(Response r, BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var tasks = await db.Set<ResponseTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResponseId == r.Id).ToListAsync(ct);
        var unitIds = tasks.Select(t => t.AssigneeUnitId ?? Guid.Empty).Append(r.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var names = await Names(db, tasks.Select(t => t.AssigneeUserId ?? Guid.Empty).Append(r.CommanderId), ct);
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == r.EventTypeCode).Select(t => t.NameZh).FirstOrDefaultAsync(ct);
        var missed = await db.Set<MissedUpdate>().IgnoreQueryFilters().CountAsync(m => m.ResponseId == r.Id, ct);
        var files = (await Uploads.Of(db, Tasks.FileOwner, tasks.Select(t => t.Id).ToList(), ct)).ToLookup(f => f.OwnerId);
        return new ResponseDetail(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, ""), r.EventTypeCode, type ?? r.EventTypeCode, r.Place, r.Scope, r.Level,
            r.State.ToString().ToLowerInvariant(), r.Revision, r.CommanderId, names.GetValueOrDefault(r.CommanderId, ""), r.ActivatedAt, r.SourceReportId,
            r.SourceWarningId, r.PlanId, r.Filing.ToString(), r.Groups, r.LevelChanges,
            tasks.OrderBy(t => t.GroupCode, StringComparer.Ordinal).ThenBy(t => t.DueAt).Select(t => new TaskResponse(t.Id, t.GroupCode, t.Title, t.AssigneeUnitId,
                t.AssigneeUnitId is { } u ? units.GetValueOrDefault(u) : null, t.AssigneeUserId, t.AssigneeUserId is { } p ? names.GetValueOrDefault(p) : null,
                t.DueAt, t.State.ToString().ToLowerInvariant(), t.IsOverdue(now), t.FromMeasure, t.LastProgress, t.LastProgressAt, t.DoneAt, t.CompletionNote,
                t.Revision, files[t.Id].Select(f => new AttachmentResponse(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToList())).ToList(),
            r.UpdateDueAt, missed, r.TerminationCondition, r.TerminationRequestedAt, r.TerminatedAt, r.ReportDueAt, r.ReportFiledAt, r.ResourcesUsed, r.Findings,
            r.ReviewedAt, r.CommanderId == db.Actor.UserId);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<ResponseDetail>> (ActivateRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var d = await Activate(r, db, outbox, ct);
                return TypedResults.Created($"/api/responses/{d.Id}", d);
            })
            .WithName("ActivateResponse")
            .WithSummary("Activates a response at level 1–4 (the caller's authority must permit it) for the caller's unit, from a report or a warning or from scratch; opens the command post, turns the plan's measures into tasks, notifies the groups and files levels II–IV for the record.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapGet("/", async Task<Ok<List<ResponseSummary>>> (string? state, BeaconDbContext db, CancellationToken ct) => TypedResults.Ok(await List(state, db, ct)))
            .WithName("ListResponses").WithSummary("Responses the caller may read, newest first; filter by state (active, terminating, terminated, reported, reviewed).");
        g.MapGet("/{id:guid}", async Task<Ok<ResponseDetail>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Detail(await Get(id, db, ct), db, ct)))
            .WithName("GetResponse").WithSummary("A response with its command post: groups, tasks (overdue flagged), level decisions, clocks and review.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/level", async Task<Ok<ResponseDetail>> (Guid id, LevelRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await ChangeLevel(id, r, db, outbox, ct)))
            .WithName("ChangeResponseLevel")
            .WithSummary("Raises (authority of the new level) or lowers (authority of the current level) the response; give the revision you saw: a stale one gets 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapPost("/{id:guid}/updates", async Task<Created<UpdateResponse>> (Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
            {
                var u = await PostUpdate(id, r, db, ct);
                return TypedResults.Created($"/api/responses/{id}/updates", u);
            })
            .WithName("PostSituationUpdate").WithSummary("A situation update (态势更新); at levels I and II one is due every 30 minutes (configurable as a deadline policy).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/{id:guid}/updates", async Task<Ok<List<UpdateResponse>>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Updates(id, db, ct)))
            .WithName("ListSituationUpdates").WithSummary("The situation updates, newest first.");
        g.MapGet("/{id:guid}/timeline", async Task<Ok<IReadOnlyList<Timeline.Entry>>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Timeline.For(await Get(id, db, ct), db, ct)))
            .WithName("ResponseTimeline")
            .WithSummary("The event's timeline: activation and level decisions, situation updates and missed ones, tasks done, follow-up reports of the source event, warning versions, termination.");
        g.MapPost("/{id:guid}/termination", async Task<Ok<ResponseDetail>> (Guid id, TerminationRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await RequestTermination(id, r, db, outbox, ct)))
            .WithName("TerminateResponse")
            .WithSummary("The commander states the termination condition; with the authority of the current level the response ends at once, otherwise it awaits the approver.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/termination/approval", async Task<Ok<ResponseDetail>> (Guid id, int? revision, BeaconDbContext db, Outbox outbox,
                CancellationToken ct) => TypedResults.Ok(await ApproveTermination(id, revision, db, outbox, ct)))
            .WithName("ApproveTermination").WithSummary("The approver of the current level ends the response (?revision= the one read: a condition stated again since gets 409); the handling report falls due (24 h by default).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/termination/rejection", async Task<Ok<ResponseDetail>> (Guid id, TextRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await RejectTermination(id, r, db, outbox, ct)))
            .WithName("RejectTermination").WithSummary("The approver sends the termination back with a reason; the response stays active.");
        g.MapPut("/{id:guid}/resources", async Task<Ok<ResponseDetail>> (Guid id, TextRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await RecordResources(id, r, db, ct)))
            .WithName("RecordResources").WithSummary("Resources used (one per line), for the handling report.");
        g.MapPost("/{id:guid}/findings", async Task<Ok<ResponseDetail>> (Guid id, FindingRequest r, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await AddFinding(id, r, db, ct)))
            .WithName("AddFinding").WithSummary("A finding of the review (复盘) with owner and deadline, once the report is filed.");
        g.MapPost("/{id:guid}/review", async Task<Ok<ResponseDetail>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await CompleteReview(id, db, ct)))
            .WithName("CompleteReview").WithSummary("Closes the review.");
    }
}
