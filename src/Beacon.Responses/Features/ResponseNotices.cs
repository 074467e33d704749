using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Notifications;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>Who is told of a response's steps: the command post's people and the body it is filed with.</summary>
internal static class ResponseNotices
{
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

    /// <summary>The response has ended (at once or on approval): on record, and the command post and the filing body are told.</summary>
    internal static async Task TellTerminated(Response response, BeaconDbContext db, Outbox outbox, CancellationToken ct)
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
}
