using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Beacon.IntegrationTests.Infrastructure;

/// <summary>
/// One Beacon host on a fresh database of the given engine, seeded with the demo organisation. Tests
/// share it and create what they change under fresh codes, so they do not depend on each other's order.
/// PostgreSQL comes from BEACON_TEST_PG (scripts/test.sh starts a throwaway server).
/// </summary>
public abstract class BeaconFactory(string provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Beacon@2026";
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly string _pgDatabase = "beacon_test_" + Guid.NewGuid().ToString("N")[..12];
    protected readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "beacon-test-" + Guid.NewGuid().ToString("N"));

    public string Provider { get; } = provider;
    public virtual int LoginAttemptsPerMinute => 100_000;
    /// <summary>Off for hosts whose clock the tests move: a cached token would expire under them.</summary>
    protected virtual bool CacheTokens => true;

    public static string PostgresServer => Environment.GetEnvironmentVariable("BEACON_TEST_PG")
        ?? throw new InvalidOperationException("BEACON_TEST_PG is not set: run the suite with scripts/test.sh, which starts a throwaway PostgreSQL.");

    public virtual string ConnectionString => Provider == "postgres"
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _pgDatabase }.ConnectionString
        : $"Data Source={Path.Combine(DataDirectory, "beacon.db")}";

    /// <summary>False for a second host on another host's database: it neither creates nor drops it.</summary>
    protected virtual bool OwnsDatabase => true;

    /// <summary>Most hosts run the sweeps from the test itself, so each step is deterministic.</summary>
    protected virtual bool SchedulerEnabled => false;

    /// <summary>Extra settings for this host (Beacon:… keys).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Beacon:Database:Provider", Provider);
        builder.UseSetting("Beacon:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Beacon:DataDirectory", DataDirectory);
        builder.UseSetting("Beacon:Demo", "true");
        builder.UseSetting("Beacon:Security:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Beacon:Scheduler:Enabled", SchedulerEnabled ? "true" : "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(ConfigureServices);
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        if (Provider == "postgres" && OwnsDatabase)
        {
            await ExecPostgres($"CREATE DATABASE {_pgDatabase}");
        }
        StartServer(); // migrations and demo data run here
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == "postgres" && OwnsDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecPostgres($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)");
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task ExecPostgres(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresServer);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<string> TokenFor(string user, string password = DemoPassword)
    {
        if (CacheTokens && _tokens.TryGetValue(user, out var cached))
        {
            return cached;
        }
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return _tokens[user] = body!.access_token;
    }

    public void Forget(string user) => _tokens.TryRemove(user, out _);

    public async Task<HttpClient> ClientFor(string user, string password = DemoPassword)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(user, password));
        return client;
    }

    /// <summary>Runs database work as the platform itself, bypassing scope (for arranging and asserting).</summary>
    public async Task<T> AsSystem<T>(Func<BeaconDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("test");
        return await work(scope.ServiceProvider.GetRequiredService<BeaconDbContext>());
    }

    public Task<Guid> UnitId(string code) => AsSystem(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

#pragma warning disable IDE1006, CA1707 // wire names
    private sealed record TokenBody(string access_token, string token_type, long expires_in);
#pragma warning restore IDE1006, CA1707
}

public sealed class SqliteFactory() : BeaconFactory("sqlite");

public sealed class PostgresFactory() : BeaconFactory("postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "postgres";
}
