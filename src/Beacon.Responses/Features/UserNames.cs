using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

/// <summary>People's display names for the wire shapes, read in one query (wherever the people sit).</summary>
internal static class UserNames
{
    internal static async Task<Dictionary<Guid, string>> Of(BeaconDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var set = ids.Distinct().ToList();
        return await db.Users.IgnoreQueryFilters().Where(u => set.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
