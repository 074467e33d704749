using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Reports.Features;

// A shift of the duty roster (值班表) with the names of its A post, B post and unit head.
public sealed record ShiftResponse(Guid Id, Guid UnitId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid APostUserId, string APostName,
    Guid? BPostUserId, string? BPostName, Guid? HeadUserId, string? HeadName)
{
    internal static async Task<List<ShiftResponse>> Describe(BeaconDbContext db, List<DutyShift> shifts, CancellationToken ct)
    {
        var ids = shifts.SelectMany(s => new[] { s.APostUserId, s.BPostUserId ?? Guid.Empty, s.HeadUserId ?? Guid.Empty }).ToHashSet();
        var names = await db.Users.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? N(Guid? id) => id is { } i && names.TryGetValue(i, out var n) ? n : null;
        return shifts.Select(s => new ShiftResponse(s.Id, s.UnitId, s.StartsAt, s.EndsAt, s.APostUserId, N(s.APostUserId) ?? "",
            s.BPostUserId, N(s.BPostUserId), s.HeadUserId, N(s.HeadUserId))).ToList();
    }
}
