using Beacon.Platform.Common;
using Beacon.Platform.Data;
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

/// <summary>
/// Graded emergency response (应急响应): activation by the authority of the level, which opens the command post
/// and turns the plan's measures into tasks.
/// </summary>
public static class ActivateResponse
{
    public sealed record Request(int? Level, string? EventTypeCode, string? Place, string? Scope, Guid? ReportId, Guid? WarningId,
        Guid? CommanderId);

    /// <summary>
    /// A leader activates at a level their authority permits, for their own unit, from a graded report or a
    /// warning (which give the type, place and level unless the leader says otherwise) or from scratch.
    /// </summary>
    public static async Task<ResponseDetail> Handle(Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
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
            await ResponseAccess.AuthorityOf(db, ct), me, db.Time.GetUtcNow(),
            await ResponseClocks.UpdateInterval(db, unitPath, lvl is >= 1 and <= 4 ? lvl : 4, ct));
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
        foreach (var (user, path) in await ResponseNotices.PeopleOf(db, units, ct))
        {
            Tell(user, path, subject, body);
        }
        // Levels II–IV are reported for the record (备案) to the body named in PRODUCT.md, at once.
        foreach (var (user, path) in await ResponseNotices.FilingBody(db, response, ct))
        {
            Tell(user, path, outbox.Text("Response.Filed.Subject", Response.Roman(response.Level), response.Place), body);
        }
        outbox.ToWebhooks(db, "response.activated", unitPath, subject, body, "response", response.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    private static async Task<bool> IsLeaderIn(BeaconDbContext db, Guid userId, string unitPath, CancellationToken ct) =>
        await (from u in db.Users.IgnoreQueryFilters()
               join ur in db.UserRoles on u.Id equals ur.UserId
               join role in db.Roles on ur.RoleId equals role.Id
               where u.Id == userId && !u.IsDisabled && role.Name == Roles.Leader && u.Unit!.Path.StartsWith(unitPath)
               select u.Id).AnyAsync(ct);

    /// <summary>The plan for the event type nearest the unit: its own, else the nearest unit above that has one.</summary>
    private static async Task<ResponsePlan?> PlanFor(BeaconDbContext db, string unitPath, string eventTypeCode, CancellationToken ct)
    {
        var chain = UnitPaths.Ancestors(unitPath);
        var plans = await db.Set<ResponsePlan>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.EventTypeCode == eventTypeCode && chain.Contains(p.UnitPath)).ToListAsync(ct);
        return plans.OrderByDescending(p => p.UnitPath.Length).FirstOrDefault();
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<ResponseDetail>> (Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
            {
                var d = await Handle(r, db, outbox, ct);
                return TypedResults.Created($"/api/responses/{d.Id}", d);
            })
            .WithName("ActivateResponse")
            .WithSummary("Activates a response at level 1–4 (the caller's authority must permit it) for the caller's unit, from a report or a warning or from scratch; opens the command post, turns the plan's measures into tasks, notifies the groups and files levels II–IV for the record.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
