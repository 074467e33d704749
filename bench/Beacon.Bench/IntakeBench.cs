using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

/// <summary>
/// Report intake: a Beacon process (Release build, demo data) on 127.0.0.1 takes POST /api/reports from this
/// process at a fixed concurrency for a fixed time. On PostgreSQL the same report row is then inserted through
/// Npgsql alone at the same concurrency, so the ratio shows what the platform costs over the database.
/// </summary>
internal static class IntakeBench
{
    private const int Concurrency = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    public static async Task Run(string root, string provider, string? pgServer)
    {
        var dll = Path.Combine(root, "src", "Beacon.Web", "bin", "Release", "net10.0", "Beacon.Web.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"[intake] build first: dotnet build -c Release ({dll} missing)");
            return;
        }
        var data = Directory.CreateTempSubdirectory("beacon-intake-");
        var pgDb = "beacon_intake_" + Guid.NewGuid().ToString("N")[..8];
        var cs = pgServer is null ? null : new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb, MaxPoolSize = 50 }.ConnectionString;
        if (pgServer is not null)
        {
            await AuditBench.Exec(pgServer, $"CREATE DATABASE {pgDb}");
        }
        var port = 5900 + Random.Shared.Next(90);
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
        if (cs is not null)
        {
            psi.Environment["Beacon__Database__ConnectionString"] = cs;
        }
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            if (!await WaitReady(http))
            {
                Console.WriteLine($"[intake] {provider}: Beacon did not become ready");
                return;
            }
            var token = await (await http.PostAsJsonAsync("/api/auth/token", new { username = "reporter", password = "Beacon@2026" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());

            await Drive(http, TimeSpan.FromSeconds(3), null); // warm-up: JIT, pools, caches
            var latencies = new List<double>();
            var (count, failures, elapsed) = await Drive(http, Duration, latencies);
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[intake] {provider} POST /api/reports, {Concurrency} concurrent for {elapsed.TotalSeconds:F0} s: {count / elapsed.TotalSeconds:F0} reports/s, " +
                $"p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, failures {failures}"));

            if (cs is not null)
            {
                var raw = await RawInserts(cs, Duration);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[intake] postgres raw Npgsql INSERT of the same report row, {Concurrency} concurrent: {raw:F0} rows/s; Beacon reaches {count / elapsed.TotalSeconds / raw * 100:F1} % of it"));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (pgServer is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AuditBench.Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            }
            data.Delete(recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task<bool> WaitReady(HttpClient http)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        return false;
    }

    private static object Body(int i) => new
    {
        eventTypeCode = "accident.fire",
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-6),
        learnedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        place = $"城关镇东街{i}号",
        peopleAffected = 40,
        injuries = 2,
        unitsInvolved = "城关镇、县消防救援大队",
        measuresTaken = "疏散居民40人",
        measuresPlanned = "排查周边建筑",
        contactName = "李信息",
        contactPhone = "13800000000",
    };

    private static async Task<(int Count, int Failures, TimeSpan Elapsed)> Drive(HttpClient http, TimeSpan duration, List<double>? latencies)
    {
        var count = 0;
        var failures = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Concurrency).Select(async w =>
        {
            var mine = new List<double>();
            var i = 0;
            while (sw.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/reports", Body(w * 1_000_000 + i++));
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref count);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
            return mine;
        }).ToList();
        foreach (var list in await Task.WhenAll(workers))
        {
            latencies?.AddRange(list);
        }
        return (count, failures, sw.Elapsed);
    }

    /// <summary>The report row alone, one transaction per row, as the API commits one per request.</summary>
    private static async Task<double> RawInserts(string cs, TimeSpan duration)
    {
        await using var source = NpgsqlDataSource.Create(cs);
        Guid unitId;
        await using (var c = await source.OpenConnectionAsync())
        await using (var q = new NpgsqlCommand("SELECT \"Id\" FROM units WHERE \"Code\" = 'DJ-LH-AN-CG'", c))
        {
            unitId = (Guid)(await q.ExecuteScalarAsync())!;
        }
        var count = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async w =>
        {
            var i = 0;
            while (sw.Elapsed < duration)
            {
                await using var conn = await source.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using var cmd = new NpgsqlCommand("""
                    INSERT INTO reports ("Id","EventId","Kind","UnitId","UnitPath","ReporterId","EventTypeCode","OccurredAt","LearnedAt","ReceivedAt",
                      "Place","PeopleAffected","Deaths","Injuries","Missing","UnitsInvolved","MeasuresTaken","MeasuresPlanned","ContactName","ContactPhone",
                      "DueAt","Timeliness","AssessmentDueAt","FollowUpCount")
                    VALUES (@id,@id,'First',@unit,'/x/',@unit,'accident.fire',@t,@t,@t,@place,40,0,2,0,'城关镇','疏散','排查','李信息','13800000000',@t,'OnTime',@t,0)
                    """, conn, tx);
                var now = DateTimeOffset.UtcNow;
                cmd.Parameters.AddWithValue("id", Guid.NewGuid());
                cmd.Parameters.AddWithValue("unit", unitId);
                cmd.Parameters.AddWithValue("t", now);
                cmd.Parameters.AddWithValue("place", $"城关镇东街{w}-{i++}号");
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref count);
            }
        }));
        return count / sw.Elapsed.TotalSeconds;
    }
}
