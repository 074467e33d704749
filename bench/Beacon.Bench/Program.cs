using System.Diagnostics;
using System.Globalization;
using Beacon.Platform.Audit.Domain;
using Beacon.Platform.Audit.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Figures, on SQLite and (when BEACON_BENCH_PG names a server) PostgreSQL:
//   audit   - audit verification over 100,000 entries
//   startup - cold start to /health/ready and idle memory
//   intake  - POST /api/reports against a Beacon process on Kestrel (this process is the load driver),
//             beside the same INSERT through Npgsql alone
//   sweep   - the missing-report sweep over 100,000 open deadlines
//   warning - a warning to 10,000 recipients, 1,000 of them connected live over SignalR (PostgreSQL only)
//   ledger  - the hazard ledger over 100,000 hazards: list pages with counters, matrix counts, the .xlsx export
//   hostile - how fast deep XML and zip bombs are refused (CAP import, .xlsx and .docx uploads)
//   dotnet run -c Release --project bench/Beacon.Bench [-- audit|startup|intake|sweep|warning|ledger|hostile] [count]
Beacon.Migrations.BeaconModules.RegisterAll();
var what = args.FirstOrDefault() ?? "all";
var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var pg = Environment.GetEnvironmentVariable("BEACON_BENCH_PG");
var root = FindRepoRoot();

if (what is "all" or "audit")
{
    await AuditBench.Run("sqlite", entries, null);
    if (pg is not null)
    {
        await AuditBench.Run("postgres", entries, pg);
    }
}
if (what is "all" or "startup")
{
    await StartupBench.Run(root, "sqlite", null);
    if (pg is not null)
    {
        await StartupBench.Run(root, "postgres", pg);
    }
}

if (what is "all" or "intake")
{
    await IntakeBench.Run(root, "sqlite", null);
    if (pg is not null)
    {
        await IntakeBench.Run(root, "postgres", pg);
    }
}
if (what is "all" or "sweep")
{
    await SweepBench.Run("sqlite", args.Length > 1 ? entries : 100_000, null);
    if (pg is not null)
    {
        await SweepBench.Run("postgres", args.Length > 1 ? entries : 100_000, pg);
    }
}

if (what is "all" or "ledger")
{
    await LedgerBench.Run("sqlite", args.Length > 1 ? entries : 100_000, null);
    if (pg is not null)
    {
        await LedgerBench.Run("postgres", args.Length > 1 ? entries : 100_000, pg);
    }
}
if (what is "all" or "hostile")
{
    HostileBench.Run();
}
if (what is "all" or "warning")
{
    if (pg is not null)
    {
        await WarningBench.Run(root, pg);
    }
    else
    {
        Console.WriteLine("[warning] needs BEACON_BENCH_PG");
    }
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.sln")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the Beacon repository.");
}

internal static class AuditBench
{
    public static async Task Run(string provider, int count, string? pgServer)
    {
        var dir = Directory.CreateTempSubdirectory("beacon-bench-");
        var pgDb = "beacon_bench_" + Guid.NewGuid().ToString("N")[..8];
        if (pgServer is not null)
        {
            await Exec(pgServer, $"CREATE DATABASE {pgDb}");
        }
        var actor = new CurrentActor();
        actor.SetSystem("bench");
        BeaconDbContext Open() => provider == "sqlite"
            ? new SqliteBeaconDbContext(new DbContextOptionsBuilder<SqliteBeaconDbContext>().UseSqlite($"Data Source={Path.Combine(dir.FullName, "bench.db")}", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System)
            : new PostgresBeaconDbContext(new DbContextOptionsBuilder<PostgresBeaconDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString, b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, actor, TimeProvider.System);
        try
        {
            await using (var db = Open())
            {
                await db.Database.MigrateAsync();
            }
            var build = Stopwatch.StartNew();
            var hash = AuditEntry.GenesisHash;
            var t0 = DateTimeOffset.UtcNow;
            for (var start = 0; start < count; start += 5_000)
            {
                await using var db = Open();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < Math.Min(count, start + 5_000); i++)
                {
                    var e = AuditEntry.Draft(t0.AddMilliseconds(i), Guid.NewGuid(), "bench-user", Guid.NewGuid(), "/a/b/c/",
                        "unit.updated", "unit", Guid.NewGuid().ToString(), $"{{\"NameZh\":[\"旧名称{i}\",\"新名称{i}\"]}}");
                    e.Seal(i, hash);
                    hash = e.Hash;
                    db.AuditEntries.Add(e);
                }
                // Audit rows themselves are never audited, so this save only inserts the sealed rows.
                await db.SaveChangesAsync();
            }
            build.Stop();

            var runs = new List<double>();
            AuditVerification? result = null;
            for (var r = 0; r < 3; r++)
            {
                await using var db = Open();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                result = await VerifyAudit.Run(db, CancellationToken.None);
                sw.Stop();
                runs.Add(sw.Elapsed.TotalMilliseconds);
                if (r == 2)
                {
                    Console.WriteLine($"  allocated during one verify: {(GC.GetAllocatedBytesForCurrentThread() - before) / 1024 / 1024} MiB");
                }
            }
            runs.Sort();
            Console.WriteLine($"[audit verify] {provider}: {result!.Entries:N0} entries, valid={result.Valid}; build {build.Elapsed.TotalSeconds:F1} s; " +
                $"verify median {runs[1]:F0} ms (min {runs[0]:F0}, max {runs[2]:F0}) = {result.Entries / (runs[1] / 1000):N0} entries/s");
        }
        finally
        {
            if (pgServer is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            }
            dir.Delete(recursive: true);
        }
    }

    internal static async Task Exec(string server, string sql)
    {
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

internal static class StartupBench
{
    public static async Task Run(string root, string provider, string? pgServer)
    {
        var dll = Path.Combine(root, "src", "Beacon.Web", "bin", "Release", "net10.0", "Beacon.Web.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"[startup] build first: dotnet build -c Release ({dll} missing)");
            return;
        }
        var data = Directory.CreateTempSubdirectory("beacon-start-");
        var pgDb = "beacon_start_" + Guid.NewGuid().ToString("N")[..8];
        if (pgServer is not null)
        {
            await AuditBench.Exec(pgServer, $"CREATE DATABASE {pgDb}");
        }
        try
        {
            // First start creates and migrates the database (and seeds the demo); the second is a plain restart.
            foreach (var label in new[] { "first start (create + migrate + demo seed)", "restart" })
            {
                var port = 5600 + Random.Shared.Next(300);
                var psi = new ProcessStartInfo("dotnet", [dll, "--demo", $"--urls=http://127.0.0.1:{port}"])
                {
                    WorkingDirectory = data.FullName,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    Environment =
                    {
                        ["ASPNETCORE_ENVIRONMENT"] = "Production",
                        ["Beacon__DataDirectory"] = Path.Combine(data.FullName, "data"),
                        ["Beacon__Database__Provider"] = provider,
                        ["Logging__LogLevel__Default"] = "Warning",
                    },
                };
                if (pgServer is not null)
                {
                    psi.Environment["Beacon__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString;
                }
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                var sw = Stopwatch.StartNew();
                using var process = Process.Start(psi)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var ready = false;
                while (sw.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                {
                    try
                    {
                        if ((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode)
                        {
                            ready = true;
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (TaskCanceledException)
                    {
                    }
                    await Task.Delay(20);
                }
                var toReady = sw.Elapsed;
                await Task.Delay(TimeSpan.FromSeconds(5)); // let start-up garbage settle before reading idle memory
                var rss = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Console.WriteLine(ready
                    ? $"[startup] {provider} {label}: /health/ready after {toReady.TotalMilliseconds:F0} ms; idle RSS {long.Parse(rss ?? "0", CultureInfo.InvariantCulture) / 1024} MiB"
                    : $"[startup] {provider} {label}: not ready within 60 s");
            }
        }
        finally
        {
            if (pgServer is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AuditBench.Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            }
            data.Delete(recursive: true);
        }
    }
}
