using Beacon.Platform.Notifications.Domain;

namespace Beacon.Platform.Notifications.Features;

public sealed record NotificationResponse(Guid Id, DateTimeOffset CreatedAt, string Topic, string Channel, string Address,
    string Subject, string Body, string State, int Attempts, string? LastError, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt,
    string? SubjectType, string? SubjectId)
{
    public static NotificationResponse From(Notification n) => new(n.Id, n.CreatedAt, n.Topic, n.Channel.ToString().ToLowerInvariant(),
        n.Address, n.Subject, n.Body, n.State.ToString().ToLowerInvariant(), n.Attempts, n.LastError, n.SentAt, n.AcknowledgedAt,
        n.SubjectType, n.SubjectId);
}
