using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Data;

/// <summary>Readable record codes numbered per year, such as "YH-2026-000001" (hazards) and "JB-2026-000001" (matters).</summary>
public static class YearlyCodes
{
    /// <summary>
    /// The numbers after the highest code of this year among <paramref name="codes"/> (every record's, past the
    /// scope filter). Call it under the module's write lock so two writers cannot take the same number.
    /// </summary>
    public static async Task<Func<string>> SequenceAsync(IQueryable<string> codes, string letters, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"{letters}-{now.Year}-";
        var last = await codes.Where(c => c.StartsWith(prefix)).OrderByDescending(c => c).FirstOrDefaultAsync(ct);
        var n = last is null ? 0 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture);
        return () => $"{prefix}{++n:000000}";
    }
}
