namespace Beacon.Warnings.Domain;

/// <summary>The four colours; the value is the level (red = I … blue = IV).</summary>
public enum WarningColour
{
    Red = 1,
    Orange = 2,
    Yellow = 3,
    Blue = 4,
}

public enum WarningChannel
{
    InApp,
    Email,
    Sms,
}

/// <summary>The colour table of PRODUCT.md section 2 as data.</summary>
public static class Colours
{
    /// <summary>CAP severity: red Extreme, orange Severe, yellow Moderate, blue Minor.</summary>
    public static string Severity(WarningColour c) => c switch
    {
        WarningColour.Red => "Extreme",
        WarningColour.Orange => "Severe",
        WarningColour.Yellow => "Moderate",
        _ => "Minor",
    };

    public static string NameZh(WarningColour c) => c switch
    {
        WarningColour.Red => "红色",
        WarningColour.Orange => "橙色",
        WarningColour.Yellow => "黄色",
        _ => "蓝色",
    };

    public static string LevelZh(WarningColour c) => c switch
    {
        WarningColour.Red => "I级（特别重大）",
        WarningColour.Orange => "II级（重大）",
        WarningColour.Yellow => "III级（较大）",
        _ => "IV级（一般）",
    };

    /// <summary>MeteoAlarm-style awareness level: "4; red; Extreme" … "1; blue; Minor".</summary>
    public static string AwarenessLevel(WarningColour c) => $"{5 - (int)c}; {c.ToString().ToLowerInvariant()}; {Severity(c)}";

    /// <summary>
    /// Who hears a warning of this colour by default, and how: red goes to every unit and role on every
    /// channel and the public feed; orange to the leaders, duty desks and handlers concerned by SMS, e-mail
    /// and in-app; yellow to duty desks and handlers by e-mail and in-app; blue to the base unit's duty desk in-app.
    /// </summary>
    public static WarningAudience DefaultAudience(WarningColour c) => c switch
    {
        WarningColour.Red => new([Beacon.Platform.Identity.Domain.Roles.DutyOfficer, Beacon.Platform.Identity.Domain.Roles.Leader,
            Beacon.Platform.Identity.Domain.Roles.Analyst, Beacon.Platform.Identity.Domain.Roles.Handler, Beacon.Platform.Identity.Domain.Roles.Reporter,
            Beacon.Platform.Identity.Domain.Roles.Supervisor], [WarningChannel.InApp, WarningChannel.Email, WarningChannel.Sms], PublicFeed: true),
        WarningColour.Orange => new([Beacon.Platform.Identity.Domain.Roles.DutyOfficer, Beacon.Platform.Identity.Domain.Roles.Leader,
            Beacon.Platform.Identity.Domain.Roles.Handler], [WarningChannel.InApp, WarningChannel.Email, WarningChannel.Sms], PublicFeed: false),
        WarningColour.Yellow => new([Beacon.Platform.Identity.Domain.Roles.DutyOfficer, Beacon.Platform.Identity.Domain.Roles.Handler],
            [WarningChannel.InApp, WarningChannel.Email], PublicFeed: false),
        _ => new([Beacon.Platform.Identity.Domain.Roles.DutyOfficer], [WarningChannel.InApp], PublicFeed: false),
    };

    /// <summary>
    /// How long a recipient has to acknowledge before the next channel, then the B post, then the unit head
    /// is alerted: 10 minutes for red and orange, 30 for yellow, none for blue.
    /// </summary>
    public static TimeSpan? AcknowledgeWithin(WarningColour c) => c switch
    {
        WarningColour.Red or WarningColour.Orange => TimeSpan.FromMinutes(10),
        WarningColour.Yellow => TimeSpan.FromMinutes(30),
        _ => null,
    };
}

/// <summary>The roles of the area's units that receive a warning, the channels it goes out on, and whether it enters the public feed.</summary>
public sealed record WarningAudience(IReadOnlyList<string> Roles, IReadOnlyList<WarningChannel> Channels, bool PublicFeed)
{
    /// <summary>What this audience lacks of the colour's default (an audience may be widened, never narrowed below it).</summary>
    public IReadOnlyList<string> MissingFrom(WarningAudience @default) =>
    [
        .. @default.Roles.Except(Roles, StringComparer.Ordinal).Select(r => "role:" + r),
        .. @default.Channels.Except(Channels).Select(c => "channel:" + c.ToString().ToLowerInvariant()),
        .. @default.PublicFeed && !PublicFeed ? ["public-feed"] : Array.Empty<string>(),
    ];

    /// <summary>The union: the default plus whatever the analyst added.</summary>
    public WarningAudience Widen(WarningAudience more) => new(
        Roles.Union(more.Roles, StringComparer.Ordinal).ToList(), Channels.Union(more.Channels).ToList(), PublicFeed || more.PublicFeed);
}
