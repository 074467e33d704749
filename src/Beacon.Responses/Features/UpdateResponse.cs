namespace Beacon.Responses.Features;

// A situation update, as posted and as listed.
public sealed record UpdateResponse(Guid Id, string Text, Guid By, string ByName, DateTimeOffset At);
