using Microsoft.Extensions.Configuration;

namespace Beacon.Platform.Common;

/// <summary>The organisation's time zone for showing and entering times (Beacon:TimeZone, Asia/Shanghai by default).</summary>
public sealed class LocalTime(IConfiguration configuration)
{
    public TimeZoneInfo Zone { get; } = Find(configuration["Beacon:TimeZone"] ?? "Asia/Shanghai");

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without time-zone data: China has had no daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>A wall-clock time typed in a form, read in the organisation's zone; refused outside <see cref="DateWindow"/>.</summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        if (!DateWindow.Holds(wallClock))
        {
            throw new DomainException(DateWindow.Refusal());
        }
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new(local, Zone.GetUtcOffset(local));
    }

    public string Format(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string FormatSeconds(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
