using Beacon.Platform.Notifications.Domain;

namespace Beacon.Platform.Notifications.Channels;

/// <summary>A way out for messages. Throwing means "not delivered, try again later".</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    Task SendAsync(Notification message, CancellationToken ct);
}
