using Beacon.Warnings.Domain;

namespace Beacon.Warnings.Features;

/// <summary>A warning's content as the API takes it; colour by name (red, orange, yellow, blue).</summary>
public sealed record ContentRequest(string? Colour, string? Headline, string? Description, string? PublicInstruction, string? UnitInstruction,
    string? AreaDescription, string? Polygon, string? Circle, DateTimeOffset? Onset, DateTimeOffset? Expires, string? Urgency, string? Certainty,
    string? HeadlineEn, string? DescriptionEn, string? InstructionEn, AudienceRequest? Audience, IReadOnlyList<Guid>? AreaUnitIds = null)
{
    public WarningContent ToContent() => new(ParseColour(Colour), Headline, Description, PublicInstruction, UnitInstruction, AreaDescription,
        string.IsNullOrWhiteSpace(Polygon) ? null : Polygon.Trim(), string.IsNullOrWhiteSpace(Circle) ? null : Circle.Trim(), Onset, Expires,
        Urgency, Certainty, string.IsNullOrWhiteSpace(HeadlineEn) ? null : HeadlineEn.Trim(),
        string.IsNullOrWhiteSpace(DescriptionEn) ? null : DescriptionEn.Trim(), string.IsNullOrWhiteSpace(InstructionEn) ? null : InstructionEn.Trim(),
        AreaUnitIds is { Count: > 0 } ? AreaUnitIds.Distinct().ToList() : null);

    public static WarningColour? ParseColour(string? colour) =>
        Enum.TryParse<WarningColour>(colour, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(colour, out _) ? c : null;
}

/// <summary>Roles and channels the analyst adds to the colour's default; it may only widen it.</summary>
public sealed record AudienceRequest(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Channels, bool? PublicFeed)
{
    public WarningAudience ToAudience() => new(Roles ?? [],
        (Channels ?? []).Select(c => Enum.TryParse<WarningChannel>(c, ignoreCase: true, out var ch) ? ch : (WarningChannel)(-1)).ToList(), PublicFeed ?? false);
}

public sealed record VersionResponse(int Number, string MsgType, string Colour, string Severity, WarningContent Content, WarningAudience Audience,
    DateTimeOffset? Sent, Guid DecidedBy, string? Reason, string Identifier);

public sealed record WarningResponse(Guid Id, Guid UnitId, string EventTypeCode, bool IsPublic, string State, string Colour, string Headline,
    DateTimeOffset? IssuedAt, DateTimeOffset? EndedAt, DateTimeOffset? Expires, Guid DraftedBy, Guid? ApprovedBy, IReadOnlyList<VersionResponse> Versions)
{
    public static WarningResponse From(Warning w) => new(w.Id, w.UnitId, w.EventTypeCode, w.IsPublic, w.State.ToString().ToLowerInvariant(),
        w.Current.Colour.ToString().ToLowerInvariant(), w.Current.Content.Headline!, w.IssuedAt, w.EndedAt, w.Current.Content.Expires, w.DraftedBy,
        w.ApprovedBy, w.Versions.Select(v => new VersionResponse(v.Number, v.MsgType, v.Colour.ToString().ToLowerInvariant(), Colours.Severity(v.Colour),
            v.Content, v.Audience, v.Sent, v.DecidedBy, v.Reason, w.Identifier(v.Number))).ToList());
}
