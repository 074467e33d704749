using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Units.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public static class TerminateResponse
{
    public sealed record Request(string? Condition);

    /// <summary>The commander states the condition; with the authority of the level it ends at once, otherwise the approver decides.</summary>
    public static async Task<ResponseDetail> Handle(Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesWork);
        await using var tx = await db.BeginSerializedAsync(WriteLock.Responses, ct);
        var response = await ResponseAccess.Load(id, db, ct);
        // Ending at once takes the authority of the level held by a leader of the response's subtree.
        var authority = db.Actor.Has(Permissions.ResponsesCommand) && db.Actor.Sees(response.UnitPath)
            ? await ResponseAccess.AuthorityOf(db, ct) : Authority.None;
        if (!db.Actor.Sees(response.UnitPath) && response.CommanderId != db.Actor.UserId)
        {
            throw new ForbiddenException(Text.Get("Response.NotYours"));
        }
        response.RequestTermination(r.Condition, db.Actor.RequireUserId(), authority, db.Time.GetUtcNow(),
            await ResponseClocks.ReportWindow(db, response.UnitPath, ct));
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
            await ResponseNotices.TellTerminated(response, db, outbox, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ResponseDetail.Describe(response, db, ct);
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

    internal static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/termination", async Task<Ok<ResponseDetail>> (Guid id, Request r, BeaconDbContext db, Outbox outbox, CancellationToken ct) =>
                TypedResults.Ok(await Handle(id, r, db, outbox, ct)))
            .WithName("TerminateResponse")
            .WithSummary("The commander states the termination condition; with the authority of the current level the response ends at once, otherwise it awaits the approver.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
