using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Reports.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

/// <summary>Circulation (通报): an upper unit pushes a report down to chosen lower units, which see and acknowledge it.</summary>
public static class Circulations
{
    public sealed record SendRequest(List<Guid>? UnitIds, string? Note);

    /// <summary>What the receiving unit sees: the circulation and the report's essentials, even when the event is outside its subtree.</summary>
    public sealed record CirculationResponse(Guid Id, Guid ReportId, Guid FromUnitId, string FromUnitName, Guid UnitId, string UnitName, string? Note,
        DateTimeOffset SentAt, DateTimeOffset? AcknowledgedAt, string EventTypeCode, string Place, DateTimeOffset OccurredAt, string? Level,
        string? AssessmentSummary, int PeopleAffected, int Deaths, int Injuries, int Missing);

    public static async Task<List<CirculationResponse>> Send(Guid reportId, SendRequest r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsCirculate);
        var report = await db.Set<Report>().FirstOrDefaultAsync(x => x.Id == reportId, ct) ?? throw new NotFoundException("Entity.Report", reportId);
        var ids = (r.UnitIds ?? []).Distinct().ToList();
        var targets = await db.Units.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        if (targets.Count != ids.Count)
        {
            throw new NotFoundException("Entity.Unit", ids.First(id => targets.All(t => t.Id != id)));
        }
        var list = Circulation.Send(report.Id, db.Actor.UnitId!.Value, db.Actor.UnitPath, targets.Select(t => (t.Id, t.Path)).ToList(), r.Note,
            db.Actor.RequireUserId(), db.Time.GetUtcNow());
        db.Set<Circulation>().AddRange(list);
        var subject = outbox.Text("Circulation.Subject", report.Place);
        var body = outbox.Text("Circulation.Body", report.Place, r.Note ?? "");
        var recipients = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join role in db.Roles on ur.RoleId equals role.Id
                                where ids.Contains(u.UnitId) && !u.IsDisabled && (role.Name == Roles.DutyOfficer || role.Name == Roles.Leader)
                                select new { u.Id, u.UnitId, u.Unit!.Path }).Distinct().ToListAsync(ct);
        foreach (var c in list)
        {
            foreach (var u in recipients.Where(x => x.UnitId == c.UnitId))
            {
                outbox.ToUser(db, "report.circulated", u.Id, u.Path, subject, body, "circulation", c.Id.ToString());
            }
        }
        await db.SaveChangesAsync(ct);
        return await Describe(db, list, ct);
    }

    public static async Task<List<CirculationResponse>> Inbox(BeaconDbContext db, bool? open, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var q = db.Set<Circulation>().AsNoTracking();
        if (open == true)
        {
            q = q.Where(c => c.AcknowledgedAt == null);
        }
        return await Describe(db, await q.OrderByDescending(c => c.SentAt).Take(500).ToListAsync(ct), ct);
    }

    public static async Task<CirculationResponse> Acknowledge(Guid id, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var c = await db.Set<Circulation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Entity.Circulation", id);
        if (c.Acknowledge(db.Actor.RequireUserId(), db.Actor.UnitId!.Value, db.Time.GetUtcNow()))
        {
            await db.SaveChangesAsync(ct);
        }
        return (await Describe(db, [c], ct))[0];
    }

    private static async Task<List<CirculationResponse>> Describe(BeaconDbContext db, List<Circulation> list, CancellationToken ct)
    {
        var reportIds = list.Select(c => c.ReportId).ToHashSet();
        // Reached through a circulation in scope: the report itself may lie in another subtree.
        var reports = await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(x => reportIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var unitIds = list.SelectMany(c => new[] { c.UnitId, c.FromUnitId }).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return list.Select(c =>
        {
            var x = reports[c.ReportId];
            return new CirculationResponse(c.Id, c.ReportId, c.FromUnitId, names.GetValueOrDefault(c.FromUnitId, ""), c.UnitId,
                names.GetValueOrDefault(c.UnitId, ""), c.Note, c.SentAt, c.AcknowledgedAt, x.EventTypeCode, x.Place, x.OccurredAt,
                x.Level?.ToString(), x.AssessmentSummary, x.PeopleAffected, x.Deaths, x.Injuries, x.Missing);
        }).ToList();
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reports/{id:guid}/circulate", async Task<Created<List<CirculationResponse>>> (Guid id, SendRequest r, BeaconDbContext db,
                Outbox outbox, CancellationToken ct) => TypedResults.Created("/api/circulations", await Send(id, r, db, outbox, ct)))
            .WithName("CirculateReport").WithTags("Reports")
            .WithSummary("Circulates a report (通报) to units below the caller's unit; their duty officers and leaders are notified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/circulations", async Task<Ok<List<CirculationResponse>>> (bool? open, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Inbox(db, open, ct)))
            .WithName("ListCirculations").WithTags("Reports")
            .WithSummary("Circulations received by the caller's subtree, newest first (?open=true: not yet acknowledged).");
        api.MapPost("/circulations/{id:guid}/acknowledgement", async Task<Ok<CirculationResponse>> (Guid id, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await Acknowledge(id, db, ct)))
            .WithName("AcknowledgeCirculation").WithTags("Reports")
            .WithSummary("A member of the receiving unit acknowledges the circulation; the first acknowledgement counts.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>Deadline rules per unit subtree: the rules in force for a unit, and the overrides a unit sets for its subtree.</summary>
public static class DeadlinePolicies
{
    /// <param name="Source">"default", or the id of the unit whose override applies (<paramref name="SourceName"/>).</param>
    public sealed record Rule(string Kind, string? Level, string From, int WithinMinutes, string Source, string? SourceName);

    public sealed record OverrideRequest(string? Kind, int? Level, int? WithinMinutes);

    public static async Task<List<Rule>> InForce(Guid? unitId, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsRead);
        var id = unitId ?? db.Actor.UnitId!.Value;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.Unit", id);
        var rules = await Policies.ForAsync(db, unit.Path, ct);
        var ancestors = Policies.Ancestors(unit.Path);
        var overrides = await db.Set<DeadlineOverride>().IgnoreQueryFilters().AsNoTracking().Where(o => ancestors.Contains(o.UnitPath)).ToListAsync(ct);
        var sourceIds = overrides.Select(o => o.UnitId).ToHashSet();
        var names = await db.Units.IgnoreQueryFilters().Where(u => sourceIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        return rules.OrderBy(p => p.Kind).ThenBy(p => p.Level).Select(p =>
        {
            var source = overrides.Where(o => o.Kind == p.Kind && o.Level == p.Level).OrderByDescending(o => o.UnitPath.Length).FirstOrDefault();
            return new Rule(p.Kind.ToString(), p.Level?.ToString(), p.From.ToString(), (int)p.Within.TotalMinutes,
                source is null ? "default" : source.UnitId.ToString(), source is null ? null : names.GetValueOrDefault(source.UnitId));
        }).ToList();
    }

    /// <summary>Replaces the unit's own overrides; the rules of units above still apply where the unit sets none.</summary>
    public static async Task<List<Rule>> Replace(Guid unitId, List<OverrideRequest>? rules, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ReportsPolicy);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("Entity.Unit", unitId);
        var created = new List<DeadlineOverride>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (r, i) in (rules ?? []).Select((r, i) => (r, i)))
        {
            try
            {
                created.Add(DeadlineOverride.Create(unit.Id, unit.Path, r.Kind, r.Level, r.WithinMinutes));
            }
            catch (RequestValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                {
                    errors[$"rules[{i}].{field}"] = messages;
                }
            }
        }
        // Below the root a unit may only tighten what the units above hold it to; it cannot grant itself more time.
        if (unit.ParentId is { } parentId)
        {
            var above = await Policies.ForAsync(db, await db.UnitPathAsync(parentId, ct), ct);
            foreach (var (o, i) in created.Select((o, i) => (o, i)))
            {
                if (DeadlinePolicy.For(above, o.Kind, o.Level) is { } limit && o.WithinMinutes > limit.Within.TotalMinutes)
                {
                    errors[$"rules[{i}].withinMinutes"] = [Text.Get("Policy.Looser", (int)limit.Within.TotalMinutes)];
                }
            }
        }
        if (created.GroupBy(o => (o.Kind, o.Level)).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            errors["rules"] = [Text.Get("Policy.Duplicate", dup.Key.Kind, dup.Key.Level?.ToString() ?? "-")];
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        db.Set<DeadlineOverride>().RemoveRange(await db.Set<DeadlineOverride>().Where(o => o.UnitId == unit.Id).ToListAsync(ct));
        db.Set<DeadlineOverride>().AddRange(created);
        await db.SaveChangesAsync(ct);
        return await InForce(unit.Id, db, ct);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/deadline-policies", async Task<Ok<List<Rule>>> (Guid? unitId, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await InForce(unitId, db, ct)))
            .WithName("GetDeadlinePolicies").WithTags("Reports")
            .WithSummary("The reporting deadlines in force for a unit, each with its source: the default or the unit whose override applies.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/deadline-policies/{unitId:guid}", async Task<Ok<List<Rule>>> (Guid unitId, List<OverrideRequest> rules, BeaconDbContext db,
                CancellationToken ct) => TypedResults.Ok(await Replace(unitId, rules, db, ct)))
            .WithName("SetDeadlinePolicies").WithTags("Reports")
            .WithSummary("Sets the unit's overrides for its subtree (replacing its previous ones); below the root only tighter than the rules above. An empty list returns it to the rules above.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
