using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class ChangeResponseLevel
{
    public sealed record Request(int? Level, int? Revision, string? Reason);

    /// <summary>A leader of the response's subtree raises (authority of the new level) or lowers (authority of the current level) the response.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var (response, authority) = await ResponseAccess.ForDecision(id, db, ct);
        var from = response.Level;
        var to = r.Level ?? 0;
        response.ChangeLevel(to, r.Revision ?? -1, authority, db.Actor.RequireUserId(), r.Reason, db.Time.GetUtcNow(),
            await ResponseClocks.UpdateInterval(db, response.UnitPath, to is >= 1 and <= 4 ? to : 4, ct));
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
        var people = (await ResponseNotices.PeopleOf(db, units, ct)).Concat(await ResponseNotices.FilingBody(db, response, ct))
            .Append((response.CommanderId, response.UnitPath));
        foreach (var (user, path) in people.DistinctBy(p => p.Item1))
        {
            outbox.ToUser(db, "response.level-changed", user, path, subject, r.Reason!, "response", response.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
    }

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/level", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("ChangeResponseLevel")
            .WithSummary("Raises (authority of the new level) or lowers (authority of the current level) the response; give the revision you saw: a stale one gets 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
