using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>A warning's content as the API takes it; colour by name (red, orange, yellow, blue).</summary>
public sealed record ContentRequest(string? Colour, string? Headline, string? Description, string? PublicInstruction, string? UnitInstruction,
    string? AreaDescription, string? Polygon, string? Circle, DateTimeOffset? Onset, DateTimeOffset? Expires, string? Urgency, string? Certainty,
    string? HeadlineEn, string? DescriptionEn, string? InstructionEn, AudienceRequest? Audience, IReadOnlyList<Guid>? AreaUnitIds = null)
{
    /// <summary>What a request without content stands for: every field missing, for the domain to name.</summary>
    internal static readonly ContentRequest Empty = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public WarningContent ToContent() => new(ParseColour(Colour), Headline, Description, PublicInstruction, UnitInstruction, AreaDescription,
        string.IsNullOrWhiteSpace(Polygon) ? null : Polygon.Trim(), string.IsNullOrWhiteSpace(Circle) ? null : Circle.Trim(), Onset, Expires,
        Urgency, Certainty, string.IsNullOrWhiteSpace(HeadlineEn) ? null : HeadlineEn.Trim(),
        string.IsNullOrWhiteSpace(DescriptionEn) ? null : DescriptionEn.Trim(), string.IsNullOrWhiteSpace(InstructionEn) ? null : InstructionEn.Trim(),
        AreaUnitIds is { Count: > 0 } ? AreaUnitIds.Distinct().ToList() : null);

    public static WarningColour? ParseColour(string? colour) =>
        Enum.TryParse<WarningColour>(colour, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(colour, out _) ? c : null;

    /// <summary>The affected units: each must lie in the issuing office's subtree (none given: the whole subtree).</summary>
    internal async Task CheckArea(string officePath, BeaconDbContext db, CancellationToken ct)
    {
        if (AreaUnitIds is not { Count: > 0 } ids)
        {
            return;
        }
        var paths = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct);
        if (paths.Count != ids.Distinct().Count() || paths.Any(p => !p.StartsWith(officePath, StringComparison.Ordinal)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["areaUnitIds"] = [Text.Get("Warning.AreaUnits")] });
        }
    }

    /// <summary>The analyst's audience, refused when it would narrow the colour's default.</summary>
    internal WarningAudience? CheckedAudience()
    {
        if (Audience is null || ParseColour(Colour) is not { } colour)
        {
            return null;
        }
        var chosen = Audience.ToAudience();
        if (chosen.Channels.Any(c => !Enum.IsDefined(c)) || chosen.Roles.Any(role => !Roles.Business.Contains(role)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["audience"] = [Text.Get("Warning.AudienceUnknown")] });
        }
        Warning.RefuseNarrowing(colour, chosen);
        return chosen;
    }
}

/// <summary>Roles and channels the analyst adds to the colour's default; it may only widen it.</summary>
public sealed record AudienceRequest(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Channels, bool? PublicFeed)
{
    public WarningAudience ToAudience() => new(Roles ?? [],
        (Channels ?? []).Select(c => Enum.TryParse<WarningChannel>(c, ignoreCase: true, out var ch) ? ch : (WarningChannel)(-1)).ToList(), PublicFeed ?? false);
}
