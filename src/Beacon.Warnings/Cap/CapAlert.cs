namespace Beacon.Warnings.Cap;

/// <summary>A name/value pair of CAP (eventCode, parameter, geocode).</summary>
public sealed record CapValue(string Name, string Value);

/// <summary>An OASIS CAP 1.2 alert message: the alert block and its info blocks (one per language).</summary>
public sealed record CapAlert
{
    public required string Identifier { get; init; }
    public required string Sender { get; init; }
    public required DateTimeOffset Sent { get; init; }
    /// <summary>Actual, Exercise, System, Test or Draft.</summary>
    public required string Status { get; init; }
    /// <summary>Alert, Update, Cancel, Ack or Error.</summary>
    public required string MsgType { get; init; }
    public string? Source { get; init; }
    /// <summary>Public, Restricted or Private.</summary>
    public required string Scope { get; init; }
    public string? Restriction { get; init; }
    public string? Addresses { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public string? Note { get; init; }
    /// <summary>Space-separated "sender,identifier,sent" triples of the earlier messages.</summary>
    public string? References { get; init; }
    public string? Incidents { get; init; }
    public IReadOnlyList<CapInfo> Infos { get; init; } = [];
}

public sealed record CapInfo
{
    public string? Language { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required string Event { get; init; }
    public IReadOnlyList<string> ResponseTypes { get; init; } = [];
    public required string Urgency { get; init; }
    public required string Severity { get; init; }
    public required string Certainty { get; init; }
    public string? Audience { get; init; }
    public IReadOnlyList<CapValue> EventCodes { get; init; } = [];
    public DateTimeOffset? Effective { get; init; }
    public DateTimeOffset? Onset { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public string? SenderName { get; init; }
    public string? Headline { get; init; }
    public string? Description { get; init; }
    public string? Instruction { get; init; }
    public string? Web { get; init; }
    public string? Contact { get; init; }
    public IReadOnlyList<CapValue> Parameters { get; init; } = [];
    public IReadOnlyList<CapResource> Resources { get; init; } = [];
    public IReadOnlyList<CapArea> Areas { get; init; } = [];
}

public sealed record CapResource
{
    public required string Description { get; init; }
    public string? MimeType { get; init; }
    public long? Size { get; init; }
    public string? Uri { get; init; }
    public string? DerefUri { get; init; }
    public string? Digest { get; init; }
}

public sealed record CapArea
{
    public required string Description { get; init; }
    /// <summary>Each "lat,lon lat,lon …", closed (first point = last).</summary>
    public IReadOnlyList<string> Polygons { get; init; } = [];
    /// <summary>Each "lat,lon radius-km".</summary>
    public IReadOnlyList<string> Circles { get; init; } = [];
    public IReadOnlyList<CapValue> Geocodes { get; init; } = [];
    public double? Altitude { get; init; }
    public double? Ceiling { get; init; }
}
