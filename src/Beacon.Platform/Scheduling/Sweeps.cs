using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Beacon.Platform.Scheduling;

/// <summary>
/// Background work that finds what has fallen due (missed reports, unacknowledged alerts) and acts on it.
/// A sweep must be safe to run on several hosts at once: it claims each due item inside one transaction,
/// so an item another host already handled is no longer due.
/// </summary>
public interface ISweep
{
    /// <summary>Handles up to one batch of due items as the platform itself; returns how many it handled.</summary>
    Task<int> RunAsync(BeaconDbContext db, CancellationToken ct);
}

public sealed class SchedulerOptions
{
    /// <summary>Off only for hosts (tests) that run sweeps themselves.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Runs every registered sweep until each has nothing left, each batch in its own scope as the platform.</summary>
public sealed partial class SweepRunner(IServiceScopeFactory scopes, IEnumerable<SweepRegistration> sweeps, ILogger<SweepRunner> log)
{
    /// <summary>Returns the number of items handled, per sweep type name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAllAsync(CancellationToken ct)
    {
        var handled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            var total = 0;
            try
            {
                int n;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("scheduler");
                    var work = (ISweep)scope.ServiceProvider.GetRequiredService(sweep.Type);
                    n = await work.RunAsync(scope.ServiceProvider.GetRequiredService<BeaconDbContext>(), ct);
                    total += n;
                }
                while (n > 0 && !ct.IsCancellationRequested);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // One failing sweep must not stop the others; the next firing retries it.
                LogSweepFailed(log, e, sweep.Type.Name);
            }
            handled[sweep.Type.Name] = total;
        }
        return handled;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Sweep} failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string sweep);
}

public sealed record SweepRegistration(Type Type);

/// <summary>The one Quartz job: each firing runs all sweeps. Clustered, only one host fires it per tick.</summary>
[DisallowConcurrentExecution]
internal sealed class SweepJob(SweepRunner runner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAllAsync(cancellationToken);
}

public static class SchedulingServices
{
    /// <summary>Registers a module's sweep; it runs on every firing of the scheduler.</summary>
    public static IServiceCollection AddSweep<T>(this IServiceCollection services) where T : class, ISweep
    {
        services.AddScoped<T>();
        services.AddSingleton(new SweepRegistration(typeof(T)));
        return services;
    }

    /// <summary>
    /// Quartz.NET: on PostgreSQL a clustered persistent store (tables qrtz_*, created when missing), so two
    /// hosts fire each tick once; on SQLite the in-memory store (one host per SQLite file anyway).
    /// The scheduler keeps real time; what the sweeps compare against is the injected clock.
    /// </summary>
    internal static void AddScheduling(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration,
        DatabaseOptions db)
    {
        var options = new SchedulerOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection("Beacon:Scheduler"), options);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<SweepRunner>();
        if (!options.Enabled)
        {
            return;
        }
        var postgres = db.Provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(TimeProvider.System);
            q.ConfigureScheduler(s => s.InstanceName = "beacon");
            if (postgres)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(db.ConnectionString!);
                    store.ProvisionSchema();
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }
            q.ScheduleJob<SweepJob>(
                trigger => trigger.WithIdentity("beacon-sweeps").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.SweepInterval).RepeatForever()),
                job => job.WithIdentity("beacon-sweeps"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
