using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Notifications.Channels;
using Beacon.Platform.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Notifications;

/// <summary>
/// Delivers due outbox messages. Each message is leased before sending, so several Beacon processes can
/// run dispatchers on one database without sending a message twice at the same time; a process that
/// dies mid-send leaves a lease that runs out, and the message is sent again (at least once).
/// A failing channel only delays its own messages.
/// </summary>
public sealed partial class NotificationDispatcher(IServiceScopeFactory scopes, IEnumerable<INotificationChannel> channels,
    TimeProvider time, IOptions<NotificationOptions> options, LiveNotifications live, ILogger<NotificationDispatcher> log) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<NotificationChannel, INotificationChannel> _channels = channels.ToDictionary(c => c.Channel);

    public RetryPolicy Policy { get; init; } = RetryPolicy.Default;

    /// <summary>Sends what is due now; returns how many messages were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("dispatcher");
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        var now = time.GetUtcNow();
        var due = await db.Notifications
            .Where(n => n.State == DeliveryState.Pending && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => new { n.Id, n.Channel })
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);
        var attempted = await DispatchInAppAsync(db, due.Where(d => d.Channel == NotificationChannel.InApp).Select(d => d.Id).ToList(), ct);
        foreach (var id in due.Where(d => d.Channel != NotificationChannel.InApp).Select(d => d.Id))
        {
            // Each claim on the clock of its own moment: a slow batch must not hand out leases already running out.
            var claimAt = time.GetUtcNow();
            var leaseUntil = claimAt + options.Value.Lease;
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.State == DeliveryState.Pending && n.NextAttemptAt <= claimAt && (n.LeaseUntil == null || n.LeaseUntil < claimAt))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, _owner).SetProperty(n => n.LeaseUntil, leaseUntil), ct);
            if (claimed == 0)
            {
                continue; // another dispatcher has it
            }
            var message = await db.Notifications.SingleAsync(n => n.Id == id, ct);
            attempted++;
            try
            {
                if (!_channels.TryGetValue(message.Channel, out var channel))
                {
                    throw new InvalidOperationException($"No {message.Channel} channel is configured.");
                }
                await channel.SendAsync(message, ct);
                message.MarkSent(time.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.MarkFailed(e.Message, time.GetUtcNow(), Policy);
                LogFailed(log, message.Id, message.Channel, message.Attempts, message.State);
            }
            try
            {
                // LeaseOwner is a concurrency token: if our lease ran out and another dispatcher took the message, its record wins.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLeaseLost(log, message.Id);
                db.ChangeTracker.Clear();
                continue;
            }
            if (message is { Channel: NotificationChannel.InApp, State: DeliveryState.Sent })
            {
                try
                {
                    await live.PublishAsync(message, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The message is in the inbox already; a lost push only means the client finds it on its next look.
                    LogPushFailed(log, e, message.Id);
                }
            }
        }
        return attempted;
    }

    /// <summary>
    /// In-app messages need no outside server: the batch is claimed, marked sent and saved at once, then pushed
    /// live. A warning to thousands reaches them at the database's pace rather than one round trip per message.
    /// </summary>
    private async Task<int> DispatchInAppAsync(BeaconDbContext db, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        var claimAt = time.GetUtcNow();
        var leaseUntil = claimAt + options.Value.Lease;
        await db.Notifications
            .Where(n => ids.Contains(n.Id) && n.State == DeliveryState.Pending && n.NextAttemptAt <= claimAt && (n.LeaseUntil == null || n.LeaseUntil < claimAt))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, _owner).SetProperty(n => n.LeaseUntil, leaseUntil), ct);
        var mine = await db.Notifications.Where(n => ids.Contains(n.Id) && n.LeaseOwner == _owner && n.State == DeliveryState.Pending).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var message in mine)
        {
            message.MarkSent(now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A lease ran out and another dispatcher took some of them: nothing of this batch was marked; they go again.
            LogLeaseLost(log, mine[0].Id);
            db.ChangeTracker.Clear();
            return mine.Count;
        }
        foreach (var message in mine)
        {
            try
            {
                await live.PublishAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(log, e, message.Id);
            }
        }
        db.ChangeTracker.Clear();
        return mine.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopError(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} on {Channel} failed (attempt {Attempts}, now {State})")]
    private static partial void LogFailed(ILogger logger, Guid id, NotificationChannel channel, int attempts, DeliveryState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on notification {Id} ran out before its result was saved")]
    private static partial void LogLeaseLost(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live push of notification {Id} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification dispatch round failed")]
    private static partial void LogLoopError(ILogger logger, Exception exception);
}
