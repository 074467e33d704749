using Beacon.Platform.Data;
using Beacon.Reports.Domain;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>The CAP category of a Beacon event type.</summary>
public static class CapCategories
{
    public static string For(string eventTypeCode) => eventTypeCode switch
    {
        "natural.earthquake" or "natural.geological" => "Geo",
        "natural.forest-fire" or "accident.fire" => "Fire",
        var c when c.StartsWith("natural.", StringComparison.Ordinal) => "Met",
        "accident.road-traffic" => "Transport",
        "accident.hazardous-chemicals" => "CBRNE",
        "accident.utilities" or "cyber.outage" => "Infra",
        var c when c.StartsWith("accident.", StringComparison.Ordinal) => "Safety",
        var c when c.StartsWith("health.", StringComparison.Ordinal) => "Health",
        var c when c.StartsWith("social.", StringComparison.Ordinal) => "Security",
        var c when c.StartsWith("cyber.", StringComparison.Ordinal) => "Infra",
        _ => "Other",
    };

    /// <summary>The event type's name per CAP language, from the taxonomy.</summary>
    internal static async Task<Func<string, string>> EventNames(BeaconDbContext db, Warning w, CancellationToken ct)
    {
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == w.EventTypeCode).Select(t => new { t.NameZh, t.NameEn }).FirstOrDefaultAsync(ct);
        return language => type is null ? w.EventTypeCode : language.StartsWith("zh", StringComparison.Ordinal) ? type.NameZh : type.NameEn;
    }
}
