using System.Text.Json.Serialization;
using Beacon.Warnings.Domain;

namespace Beacon.Warnings.Features;

public sealed record VersionResponse(int Number, string MsgType, string Colour, string Severity, WarningContent Content, WarningAudience Audience,
    DateTimeOffset? Sent, Guid DecidedBy, string? Reason, string Identifier);

public sealed record WarningResponse(Guid Id, Guid UnitId, string EventTypeCode, bool IsPublic, string State, string Colour, string Headline,
    DateTimeOffset? IssuedAt, DateTimeOffset? EndedAt, DateTimeOffset? Expires, Guid DraftedBy, Guid? ApprovedBy, IReadOnlyList<VersionResponse> Versions)
{
    /// <summary>The state as the enum, for pages; the wire keeps the lowercase name.</summary>
    [JsonIgnore]
    public WarningState StateValue => Enum.Parse<WarningState>(State, ignoreCase: true);

    public static WarningResponse From(Warning w) => new(w.Id, w.UnitId, w.EventTypeCode, w.IsPublic, w.State.ToString().ToLowerInvariant(),
        w.Current.Colour.ToString().ToLowerInvariant(), w.Current.Content.Headline!, w.IssuedAt, w.EndedAt, w.Current.Content.Expires, w.DraftedBy,
        w.ApprovedBy, w.Versions.Select(v => new VersionResponse(v.Number, v.MsgType, v.Colour.ToString().ToLowerInvariant(), Colours.Severity(v.Colour),
            v.Content, v.Audience, v.Sent, v.DecidedBy, v.Reason, w.Identifier(v.Number))).ToList());
}
