using System.Diagnostics;
using System.Globalization;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Notifications;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;
using Beacon.Reports.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

/// <summary>
/// The missing-report sweep with 100,000 open deadlines: the cost of a sweep that finds nothing due (paid on
/// every tick), the time from deadlines passing to their missing-report records existing with the sweep on a
/// one-second tick, and the rate at which a backlog of due deadlines is recorded.
/// </summary>
internal static class SweepBench
{
    public static async Task Run(string provider, int count, string? pgServer)
    {
        var dir = Directory.CreateTempSubdirectory("beacon-sweep-");
        var pgDb = "beacon_sweep_" + Guid.NewGuid().ToString("N")[..8];
        if (pgServer is not null)
        {
            await AuditBench.Exec(pgServer, $"CREATE DATABASE {pgDb}");
        }
        var actor = new CurrentActor();
        actor.SetSystem("bench");
        BeaconDbContext Open() => provider == "sqlite"
            ? new SqliteBeaconDbContext(new DbContextOptionsBuilder<SqliteBeaconDbContext>().UseSqlite($"Data Source={Path.Combine(dir.FullName, "bench.db")}", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System)
            : new PostgresBeaconDbContext(new DbContextOptionsBuilder<PostgresBeaconDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString, b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System);
        var sweep = new MissingReportSweep(new Outbox(Options.Create(new NotificationOptions())),
            new LocalTime(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        try
        {
            var unit = Unit.Create(Guid.NewGuid(), "BENCH", "基准单位", "Bench", UnitKind.Province, null, DateTimeOffset.UtcNow);
            await using (var db = Open())
            {
                await db.Database.MigrateAsync();
                db.Units.Add(unit);
                await db.SaveChangesAsync();
            }
            // 100,000 daily reports owed over the coming days by 1,000 units' worth of slots, none due yet.
            var policy = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Daily, null)!;
            var periodId = Guid.NewGuid();
            var start = DateTimeOffset.UtcNow.AddHours(1);
            for (var from = 0; from < count; from += 5_000)
            {
                await using var db = Open();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = from; i < Math.Min(count, from + 5_000); i++)
                {
                    db.Set<ReportObligation>().Add(ReportObligation.Daily(periodId, DateOnly.FromDayNumber(740_000 + i / 1000), unit.Id, unit.Path,
                        start.AddSeconds(i), policy));
                }
                await db.SaveChangesAsync();
            }

            // One sweep that finds nothing due: what every tick costs while 100,000 deadlines are open.
            var idle = new List<double>();
            for (var r = 0; r < 5; r++)
            {
                await using var db = Open();
                var sw = Stopwatch.StartNew();
                await sweep.RunAsync(db, CancellationToken.None);
                idle.Add(sw.Elapsed.TotalMilliseconds);
            }
            idle.Sort();

            // 50 deadlines pass 2.5 s from now, between two ticks of a sweep that runs every second as the scheduler
            // would: the figure is the wait for the next tick plus the sweep itself.
            var dueSoon = DateTimeOffset.UtcNow.AddSeconds(2.5);
            await using (var db = Open())
            {
                for (var i = 0; i < 50; i++)
                {
                    db.Set<ReportObligation>().Add(ReportObligation.Daily(periodId, DateOnly.FromDayNumber(739_000), unit.Id, unit.Path,
                        dueSoon - policy.Within, policy));
                }
                await db.SaveChangesAsync();
            }
            var lag = TimeSpan.Zero;
            using (var tick = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            {
                while (await tick.WaitForNextTickAsync())
                {
                    await using var db = Open();
                    if (await sweep.RunAsync(db, CancellationToken.None) > 0)
                    {
                        await using var check = Open();
                        var recorded = await check.Set<ReportObligation>().Where(o => o.MissedAt != null).Select(o => o.MissedAt!.Value).ToListAsync();
                        lag = recorded.Max() - dueSoon;
                        break;
                    }
                }
            }

            // A backlog: every one of the 100,000 is past due at once (the sweep runs with a clock a week ahead).
            var ahead = new ShiftedClock(TimeSpan.FromDays(200));
            var backlog = Stopwatch.StartNew();
            var recordedCount = 0;
            int n;
            do
            {
                await using var db = provider == "sqlite"
                    ? new SqliteBeaconDbContext(new DbContextOptionsBuilder<SqliteBeaconDbContext>().UseSqlite($"Data Source={Path.Combine(dir.FullName, "bench.db")}", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, ahead)
                    : (BeaconDbContext)new PostgresBeaconDbContext(new DbContextOptionsBuilder<PostgresBeaconDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString, b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, ahead);
                n = await sweep.RunAsync(db, CancellationToken.None);
                recordedCount += n;
            }
            while (n > 0);
            backlog.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[sweep] {provider}: {count:N0} open deadlines; idle sweep median {idle[2]:F1} ms (max {idle[4]:F1}); " +
                $"deadline passed -> missing-report record {lag.TotalMilliseconds:F0} ms on a 1 s tick (the scheduler's default tick is 15 s); " +
                $"backlog of {recordedCount:N0} recorded in {backlog.Elapsed.TotalSeconds:F1} s = {recordedCount / backlog.Elapsed.TotalSeconds:F0}/s " +
                $"({MissingReportSweep.BatchSize} per transaction, each with its audit entry)"));
        }
        finally
        {
            if (pgServer is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AuditBench.Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            }
            dir.Delete(recursive: true);
        }
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
