using Beacon.Platform.Notifications.Domain;
using Beacon.Platform.Notifications.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Beacon.Platform.Notifications;

/// <summary>
/// Live in-app delivery. Clients connect to /hubs/notifications and receive "notification" messages for
/// their own user; the inbox stays the record, this only saves them from polling. One process only for
/// now: several processes need a SignalR backplane (Redis) so a push reaches every connection.
/// </summary>
[Authorize]
public sealed class NotificationHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string Method = "notification";
}

/// <summary>Pushes a just-delivered in-app message to its recipient's connections and to in-process listeners (the Blazor UI).</summary>
public sealed class LiveNotifications(IHubContext<NotificationHub> hub)
{
    /// <summary>Raised with the recipient's id; UI circuits of that user refresh their inbox.</summary>
    public event Action<Guid>? Delivered;

    public async Task PublishAsync(Notification message, CancellationToken ct)
    {
        if (message.RecipientUserId is not { } user)
        {
            return;
        }
        Delivered?.Invoke(user);
        await hub.Clients.User(user.ToString()).SendAsync(NotificationHub.Method, NotificationResponse.From(message), ct);
    }
}
