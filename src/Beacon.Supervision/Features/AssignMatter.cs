using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Supervision.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Features;

/// <summary>The office assigns a matter (交办) to a unit of its subtree; the handling side is told.</summary>
public static class AssignMatter
{
    public sealed record Request(string? Title, string? Notice, Guid? HandlingUnitId, Guid? ResponsibleLeaderId, Guid? HandlerId, DateTimeOffset? Deadline);

    public static async Task<MatterResponse> Handle(Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct)
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
        await MatterNotices.TellHandlingSide(m, "matter.assigned", subject, body, db, outbox, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await MatterResponse.Describe(m, db, ct);
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

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/", async Task<Created<MatterResponse>> (Request r, BeaconDbContext db, Outbox outbox, LocalTime time, CancellationToken ct) =>
            {
                var m = await Handle(r, db, outbox, time, ct);
                return TypedResults.Created($"/api/matters/{m.Id}", m);
            })
            .WithName("AssignMatter")
            .WithSummary("Assigns a matter (交办) to a unit of the caller's subtree: title, notice, responsible leader, deadline; the handling side is notified.")
            .ProducesValidationProblem();
    }
}
