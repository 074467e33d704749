using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses;

/// <summary>A finding of a response's review: what to put right, by whom, by when.</summary>
public sealed record ResponseFinding(Guid Id, string Text, Guid? OwnerUnitId, string? Owner, DateTimeOffset? Deadline);

/// <summary>A response's review as another module needs it (the hazard register turns a finding into a rectification).</summary>
public sealed record ResponseReview(Guid ResponseId, Guid UnitId, string UnitPath, string Place, IReadOnlyList<ResponseFinding> Findings)
{
    /// <summary>The review of a response the caller may read; "not found" otherwise.</summary>
    public static async Task<ResponseReview> GetAsync(BeaconDbContext db, Guid responseId, CancellationToken ct)
    {
        db.Actor.Require(Permissions.ResponsesRead);
        var r = await db.Readable<Response>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId, ct)
            ?? throw new NotFoundException("Entity.Response", responseId);
        return new ResponseReview(r.Id, r.UnitId, r.UnitPath, r.Place,
            r.Findings.Select(f => new ResponseFinding(f.Id, f.Text, f.OwnerUnitId, f.Owner, f.Deadline)).ToList());
    }
}
