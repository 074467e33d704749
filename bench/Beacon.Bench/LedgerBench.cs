using System.Diagnostics;
using Beacon.Hazards.Domain;
using Beacon.Hazards.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Units.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// The hazard ledger over 100,000 hazards: a page of the list with its counters (unfiltered, and filtered by
/// subtree and level), the counts per matrix cell, and the full .xlsx export with its size and the memory it took.
/// </summary>
internal static class LedgerBench
{
    public static async Task Run(string provider, int count, string? pgServer)
    {
        var dir = Directory.CreateTempSubdirectory("beacon-ledger-");
        var pgDb = "beacon_ledger_" + Guid.NewGuid().ToString("N")[..8];
        if (pgServer is not null)
        {
            await AuditBench.Exec(pgServer, $"CREATE DATABASE {pgDb}");
        }
        var actor = new CurrentActor();
        actor.SetSystem("bench");
        BeaconDbContext Open() => provider == "sqlite"
            ? new SqliteBeaconDbContext(new DbContextOptionsBuilder<SqliteBeaconDbContext>().UseSqlite($"Data Source={Path.Combine(dir.FullName, "bench.db")}", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System)
            : new PostgresBeaconDbContext(new DbContextOptionsBuilder<PostgresBeaconDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString, b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System);
        var time = new LocalTime(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        try
        {
            // A city with 20 counties of 10 towns each; hazards spread over the towns.
            var now = DateTimeOffset.UtcNow;
            var city = Unit.Create(Guid.NewGuid(), "BC", "基准市", "Bench city", UnitKind.City, null, now);
            var counties = Enumerable.Range(0, 20).Select(c => Unit.Create(Guid.NewGuid(), $"BC-{c:00}", $"县{c}", "", UnitKind.County, city, now)).ToList();
            var towns = counties.SelectMany((c, ci) => Enumerable.Range(0, 10).Select(t => Unit.Create(Guid.NewGuid(), $"BC-{ci:00}-{t:00}", $"镇{ci}-{t}", "",
                UnitKind.Township, c, now))).ToList();
            await using (var db = Open())
            {
                await db.Database.MigrateAsync();
                db.Units.Add(city);
                db.Units.AddRange(counties);
                db.Units.AddRange(towns);
                await db.SaveChangesAsync();
            }
            var matrix = RiskMatrix.Default();
            string[] domains = ["消防", "危险化学品", "建筑施工", "道路交通", "城镇燃气"];
            var random = new Random(7);
            var seed = Stopwatch.StartNew();
            for (var from = 0; from < count; from += 5_000)
            {
                await using var db = Open();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = from; i < Math.Min(count, from + 5_000); i++)
                {
                    var town = towns[random.Next(towns.Count)];
                    var h = Hazard.Record(new RecordInput(town.Id, town.Path, $"YH-2026-{i + 1:000000}", HazardSource.Inspection, domains[i % domains.Length],
                        $"{town.NameZh}某处{i}", "消防通道堵塞，灭火器过期。", random.Next(1, 6), random.Next(1, 6), now.AddMinutes(-i)), matrix, Guid.Empty, now);
                    if (i % 3 != 0)
                    {
                        h.SetRectification(town.Id, "张三", "清理通道，更换灭火器。", now.AddDays(random.Next(-10, 30) + 0.5), Guid.Empty, now.AddDays(-20));
                    }
                    db.Set<Hazard>().Add(h);
                }
                await db.SaveChangesAsync();
            }
            Console.WriteLine($"[ledger] {provider}: {count:N0} hazards seeded in {seed.Elapsed.TotalSeconds:F0} s");

            async Task<(double P50, double Max)> Time(Func<BeaconDbContext, Task> work)
            {
                var runs = new List<double>();
                for (var r = 0; r < 7; r++)
                {
                    await using var db = Open();
                    var sw = Stopwatch.StartNew();
                    await work(db);
                    runs.Add(sw.Elapsed.TotalMilliseconds);
                }
                runs = runs.Skip(1).Order().ToList(); // the first run warms the query cache
                return (runs[runs.Count / 2], runs[^1]);
            }
            var page = await Time(db => ListHazards.Handle(new HazardFilter(), 0, 50, db, CancellationToken.None));
            var county = counties[3];
            var filtered = await Time(db => ListHazards.Handle(new HazardFilter(UnitId: county.Id, Level: "high", State: "rectifying"), 0, 50, db, CancellationToken.None));
            var overdue = await Time(db => ListHazards.Handle(new HazardFilter(Due: "overdue"), 0, 50, db, CancellationToken.None));
            var cells = await Time(db => GetHazardMatrix.Handle(new HazardFilter(), db, CancellationToken.None));
            Console.WriteLine($"[ledger] {provider}: list page of 50 with counters, unfiltered p50 {page.P50:F0} ms (max {page.Max:F0}); " +
                $"one county, level high, rectifying p50 {filtered.P50:F0} ms; overdue p50 {overdue.P50:F0} ms; matrix counts p50 {cells.P50:F0} ms");

            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            await using (var db = Open())
            {
                var output = new CountingStream();
                var sw = Stopwatch.StartNew();
                await ExportHazards.Handle(new HazardFilter(), output, db, time, CancellationToken.None);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                Console.WriteLine($"[ledger] {provider}: export of {count:N0} rows to .xlsx in {sw.Elapsed.TotalSeconds:F1} s, {output.Length / 1024.0 / 1024:F1} MB, " +
                    $"{allocated / 1024.0 / 1024:F0} MB allocated, peak working set {Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64) / 1024 / 1024} MB");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
            if (pgServer is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await AuditBench.Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            }
        }
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        private long _length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
