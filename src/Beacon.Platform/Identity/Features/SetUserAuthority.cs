using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

/// <summary>
/// The security administrator records a leader's decision authority: principal leader (any level), leader
/// in charge (II–IV), unit head (III–IV) or base unit head (IV). It decides who may approve warnings and
/// responses of a level.
/// </summary>
public static class SetUserAuthority
{
    public sealed record Request(string? Authority);

    public sealed record AuthorityResponse(Guid Id, string Authority);

    public static async Task<AuthorityResponse> Handle(Guid id, Request r, BeaconDbContext db, UserManager<BeaconUser> users, Outbox outbox,
        CancellationToken ct)
    {
        db.Actor.Require(Permissions.RolesAssign);
        if (!Enum.TryParse<Authority>(r.Authority, ignoreCase: false, out var authority) || !Enum.IsDefined(authority))
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["authority"] = [Text.Get("Authority.Unknown", string.Join(", ", Enum.GetNames<Authority>()))],
            });
        }
        if (id == db.Actor.UserId)
        {
            throw new DomainException(Text.Get("Authority.Own"));
        }
        // Under the roles lock: a leader role removed at the same moment cannot leave an authority behind.
        await using var tx = await db.BeginSerializedAsync(WriteLock.Roles, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.User", id);
        if (authority != Authority.None && !await users.IsInRoleAsync(user, Roles.Leader))
        {
            throw new DomainException(Text.Get("Authority.NotLeader"));
        }
        if (user.Authority == authority)
        {
            return new AuthorityResponse(user.Id, user.Authority.ToString());
        }
        user.Authority = authority;
        var path = await db.UnitPathAsync(user.UnitId, ct);
        outbox.ToUser(db, "user.authority-changed", user.Id, path, outbox.Text("Notify.AuthorityChanged.Subject"),
            outbox.Text("Notify.AuthorityChanged.Body", outbox.Text("Authority." + authority), db.Actor.Name), "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AuthorityResponse(user.Id, user.Authority.ToString());
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/authority", async Task<Ok<AuthorityResponse>> (Guid id, Request request, BeaconDbContext db, UserManager<BeaconUser> users,
                Outbox outbox, CancellationToken ct) => TypedResults.Ok(await Handle(id, request, db, users, outbox, ct)))
            .WithName("SetUserAuthority")
            .WithSummary("Sets a leader's decision authority (security administrator): PrincipalLeader, LeaderInCharge, UnitHead, BaseUnitHead or None.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
