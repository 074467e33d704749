using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

/// <summary>
/// A blue warning (duty officers, in-app) to 10,000 recipients generated in one county, 1,000 of them
/// connected to /hubs/notifications from this process while a Beacon process on 127.0.0.1 issues it.
/// Figures: the approval request (every delivery record is written in its transaction), the time until the
/// dispatcher has sent all 10,000 in-app messages, and issue-to-receipt p50/p99 at the live clients.
/// </summary>
internal static class WarningBench
{
    private const int Recipients = 10_000;
    private const int Live = 1_000;
    private const string Password = "Bench@2026!";

    public static async Task Run(string root, string pgServer)
    {
        var dll = Path.Combine(root, "src", "Beacon.Web", "bin", "Release", "net10.0", "Beacon.Web.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"[warning] build first: dotnet build -c Release ({dll} missing)");
            return;
        }
        var data = Directory.CreateTempSubdirectory("beacon-warning-");
        var pgDb = "beacon_warning_" + Guid.NewGuid().ToString("N")[..8];
        var cs = new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDb }.ConnectionString;
        await AuditBench.Exec(pgServer, $"CREATE DATABASE {pgDb}");
        var port = 6100 + Random.Shared.Next(90);
        var psi = new ProcessStartInfo("dotnet", [dll, "--demo", $"--urls=http://127.0.0.1:{port}"])
        {
            WorkingDirectory = data.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Beacon__DataDirectory"] = Path.Combine(data.FullName, "data"),
                ["Beacon__Database__Provider"] = "postgres",
                ["Beacon__Database__ConnectionString"] = cs,
                ["Beacon__Security__LoginAttemptsPerMinute"] = "1000000",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hubs = new List<HubConnection>();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            var ready = Stopwatch.StartNew();
            while (!await Ready(http) && ready.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(200);
            }

            // 10,000 duty officers of 安宁县 and a city analyst, written straight into the database (one password hash for all).
            var seed = Stopwatch.StartNew();
            var names = await Seed(cs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[warning] seeded {Recipients:N0} recipients in {seed.Elapsed.TotalSeconds:F1} s"));

            // 1,000 of them connect live.
            var connect = Stopwatch.StartNew();
            var received = new ConcurrentBag<DateTimeOffset>();
            using var gate = new SemaphoreSlim(8);
            await Task.WhenAll(names.Take(Live).Select(async name =>
            {
                await gate.WaitAsync();
                try
                {
                    var token = await Token(http, name);
                    var hub = new HubConnectionBuilder()
                        .WithUrl($"http://127.0.0.1:{port}/hubs/notifications", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                        .Build();
                    hub.On<JsonElement>("notification", m =>
                    {
                        if (m.GetProperty("topic").GetString() == "warning.issued")
                        {
                            received.Add(DateTimeOffset.UtcNow);
                        }
                    });
                    await hub.StartAsync();
                    lock (hubs)
                    {
                        hubs.Add(hub);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[warning] {hubs.Count:N0} live clients connected in {connect.Elapsed.TotalSeconds:F1} s"));

            var analyst = new HttpClient { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
            analyst.DefaultRequestHeaders.Authorization = new("Bearer", await Token(http, "bench-analyst"));
            var draft = await (await analyst.PostAsJsonAsync("/api/warnings", new
            {
                eventTypeCode = "natural.meteorological",
                content = new
                {
                    colour = "blue",
                    headline = "大风蓝色预警（基准测试）",
                    description = "预计未来24小时有6级大风。",
                    publicInstruction = "注意防风。",
                    areaDescription = "临海市",
                    expires = DateTimeOffset.UtcNow.AddHours(24),
                    urgency = "Expected",
                    certainty = "Likely",
                },
            })).Content.ReadFromJsonAsync<JsonElement>();
            var id = draft.GetProperty("id").GetGuid();
            var leader = new HttpClient { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
            leader.DefaultRequestHeaders.Authorization = new("Bearer", await Token(http, "leader", "Beacon@2026"));

            var t0 = DateTimeOffset.UtcNow;
            var issue = Stopwatch.StartNew();
            (await leader.PostAsync($"/api/warnings/{id}/approval", null)).EnsureSuccessStatusCode();
            var approval = issue.Elapsed;
            var deliveries = await Scalar(cs, $"SELECT count(*) FROM warning_deliveries WHERE \"WarningId\" = '{id}'");

            // Until the dispatcher has sent every in-app message (or five minutes).
            long sent;
            do
            {
                await Task.Delay(250);
                sent = await Scalar(cs, $"SELECT count(*) FROM notifications WHERE \"Topic\" = 'warning.issued' AND \"State\" = 'Sent'");
            }
            while (sent < deliveries && issue.Elapsed < TimeSpan.FromMinutes(5));
            var allSent = issue.Elapsed;
            var wait = Stopwatch.StartNew();
            while (received.Count < hubs.Count && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
            var latencies = received.Select(r => (r - t0).TotalMilliseconds).Order().ToList();
            double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[warning] postgres: approval with {deliveries:N0} delivery records written in {approval.TotalMilliseconds:F0} ms; " +
                $"all {sent:N0} in-app messages sent after {allSent.TotalSeconds:F1} s; live receipt at {received.Count:N0}/{hubs.Count:N0} clients " +
                $"p50 {P(0.5) / 1000:F1} s, p99 {P(0.99) / 1000:F1} s after the approval was sent"));
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            NpgsqlConnection.ClearAllPools();
            await AuditBench.Exec(pgServer, $"DROP DATABASE IF EXISTS {pgDb} WITH (FORCE)");
            data.Delete(recursive: true);
        }
    }

    private static async Task<bool> Ready(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> Token(HttpClient http, string user, string password = Password)
    {
        var body = await (await http.PostAsJsonAsync("/api/auth/token", new { username = user, password })).Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<long> Scalar(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> Seed(string cs)
    {
        var hash = new PasswordHasher<BeaconUser>().HashPassword(new BeaconUser(), Password);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        async Task<Guid> Id(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (Guid)(await cmd.ExecuteScalarAsync())!;
        }
        var county = await Id("SELECT \"Id\" FROM units WHERE \"Code\" = 'DJ-LH-AN'");
        var city = await Id("SELECT \"Id\" FROM units WHERE \"Code\" = 'DJ-LH'");
        var duty = await Id("SELECT \"Id\" FROM \"AspNetRoles\" WHERE \"Name\" = 'duty-officer'");
        var analystRole = await Id("SELECT \"Id\" FROM \"AspNetRoles\" WHERE \"Name\" = 'analyst'");
        var names = Enumerable.Range(0, Recipients).Select(i => $"bench-{i:00000}").ToList();
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY \"AspNetUsers\" (\"Id\", \"UserName\", \"NormalizedUserName\", \"DisplayName\", \"UnitId\", \"IsDisabled\", \"CreatedAt\", \"Authority\", " +
            "\"EmailConfirmed\", \"PasswordHash\", \"SecurityStamp\", \"ConcurrencyStamp\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", " +
            "\"AccessFailedCount\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (name, unit) in names.Select(n => (n, county)).Append(("bench-analyst", city)))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.NewGuid());
                await writer.WriteAsync(name);
                await writer.WriteAsync(name.ToUpperInvariant());
                await writer.WriteAsync(name);
                await writer.WriteAsync(unit);
                await writer.WriteAsync(false);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("None");
                await writer.WriteAsync(false);
                await writer.WriteAsync(hash);
                await writer.WriteAsync(Guid.NewGuid().ToString("N").ToUpperInvariant());
                await writer.WriteAsync(Guid.NewGuid().ToString());
                await writer.WriteAsync(false);
                await writer.WriteAsync(false);
                await writer.WriteAsync(true);
                await writer.WriteAsync(0);
            }
            await writer.CompleteAsync();
        }
        await using (var roles = new NpgsqlCommand(
            $"INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") SELECT \"Id\", CASE WHEN \"UserName\" = 'bench-analyst' THEN '{analystRole}'::uuid ELSE '{duty}'::uuid END " +
            "FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 'bench-%'", conn))
        {
            await roles.ExecuteNonQueryAsync();
        }
        return names;
    }
}
