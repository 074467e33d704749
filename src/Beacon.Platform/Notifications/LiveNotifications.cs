using Beacon.Platform.Notifications.Domain;
using Beacon.Platform.Notifications.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Beacon.Platform.Notifications;

/// <summary>
/// Live in-app delivery. Clients connect to /hubs/notifications and receive "notification" messages for
/// their own user; the inbox stays the record, this only saves them from polling. With several processes
/// (Beacon:Redis:Configuration set) the Redis backplane carries a push to connections on every process.
/// </summary>
[Authorize]
public sealed class NotificationHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string Method = "notification";
}

/// <summary>
/// Pushes a just-delivered in-app message to its recipient's connections and to the listeners of every
/// process (the Blazor UI circuits, which may live in another process than the dispatcher that delivered).
/// </summary>
public sealed class LiveNotifications(IHubContext<NotificationHub> hub, IServiceProvider services)
{
    internal static readonly StackExchange.Redis.RedisChannel Channel = StackExchange.Redis.RedisChannel.Literal("beacon:delivered");

    /// <summary>Raised with the recipient's id; UI circuits of that user refresh their inbox.</summary>
    public event Action<Guid>? Delivered;

    internal void RaiseDelivered(Guid user) => Delivered?.Invoke(user);

    public async Task PublishAsync(Notification message, CancellationToken ct)
    {
        if (message.RecipientUserId is not { } user)
        {
            return;
        }
        if (services.GetService(typeof(StackExchange.Redis.IConnectionMultiplexer)) is StackExchange.Redis.IConnectionMultiplexer redis)
        {
            // Every process, this one included, hears it from Redis (RedisRelay).
            await redis.GetSubscriber().PublishAsync(Channel, user.ToString());
        }
        else
        {
            RaiseDelivered(user);
        }
        await hub.Clients.User(user.ToString()).SendAsync(NotificationHub.Method, NotificationResponse.From(message), ct);
    }

    /// <summary>Relays "delivered" signals from Redis to this process's listeners.</summary>
    internal sealed class RedisRelay(StackExchange.Redis.IConnectionMultiplexer redis, LiveNotifications live) : Microsoft.Extensions.Hosting.IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) =>
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, value) =>
            {
                if (Guid.TryParse(value.ToString(), out var user))
                {
                    live.RaiseDelivered(user);
                }
            });

        public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);
    }
}
