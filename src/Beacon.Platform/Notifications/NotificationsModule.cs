using Beacon.Platform.Notifications.Channels;
using Beacon.Platform.Notifications.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Platform.Notifications;

/// <summary>Entry point of the notification outbox: channels, dispatcher and the inbox API.</summary>
public static class NotificationsModule
{
    public const string HttpClientName = "beacon-notifications";

    /// <summary>Registers the outbox, the channels and the background dispatcher (Beacon:Notifications).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Beacon:Notifications"));
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        // Stateless (it only adds rows to the context it is given), so pages inject it like any other singleton.
        services.AddSingleton<Outbox>();
        var signalR = services.AddSignalR();
        // Several Beacon processes: SignalR pushes and the UI's "delivered" signal cross processes through Redis.
        if (configuration["Beacon:Redis:Configuration"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("beacon"));
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis));
            services.AddHostedService<LiveNotifications.RedisRelay>();
        }
        services.AddSingleton<LiveNotifications>();
        services.AddSingleton<INotificationChannel, InAppChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, SmsChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }

    /// <summary>The live channel's hub, for the browser UI and API clients alike.</summary>
    public static IEndpointRouteBuilder MapNotificationHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<NotificationHub>(NotificationHub.Path);
        return routes;
    }

    internal static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        ListMyNotifications.Map(group);
        AcknowledgeNotification.Map(group);
        ListDeadLetters.Map(group);
        RequeueNotification.Map(group);
    }
}
