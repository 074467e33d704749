using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Beacon.IntegrationTests;

/// <summary>A host whose PostgreSQL sits behind a gate the test can shut, as a crash or restart of the server would.</summary>
public sealed class GatedPostgresFactory : BeaconFactory
{
    private static readonly NpgsqlConnectionStringBuilder Upstream = new(PostgresServer);

    public GatedPostgresFactory() : base("postgres")
    {
    }

    public TcpGate Gate { get; } = new(Upstream.Host ?? "127.0.0.1", Upstream.Port);

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(base.ConnectionString) { Host = "127.0.0.1", Port = Gate.Port }.ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Beacon:Notifications:DispatcherEnabled", "false")];

    public override async Task DisposeAsync()
    {
        Gate.Open();
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

/// <summary>
/// While the database is away, nothing answers 500: reads are tried again for a few seconds and then refused with
/// 503 and Retry-After, writes are refused with 503 at once, and nothing refused is written.
/// </summary>
public sealed class DatabaseOutageTests(GatedPostgresFactory app) : IClassFixture<GatedPostgresFactory>
{
    [Fact]
    public async Task During_an_outage_reads_and_writes_answer_503_with_retry_after_and_nothing_is_written()
    {
        using var sys = await app.ClientFor("sysadmin");
        var parentId = await app.UnitId("DJ");
        var code = Http.NewCode("outage");
        app.Gate.Close();
        try
        {
            var read = await sys.GetAsync("/api/units");
            var p = await read.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("5", read.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("nothing was saved", p.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var write = await sys.PostAsJsonAsync("/api/units", new { code, nameZh = "停电测试", kind = "department", parentId });
            await write.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(write.Headers.RetryAfter);
        }
        finally
        {
            app.Gate.Open();
        }
        await (await sys.GetAsync("/api/units")).Ok();
        Assert.False(await app.AsSystem(db => db.Units.AnyAsync(u => u.Code == code)));
    }

    [Fact]
    public async Task A_read_during_a_short_outage_is_answered_once_the_database_is_back()
    {
        using var sys = await app.ClientFor("sysadmin");
        app.Gate.Close();
        var read = sys.GetAsync("/api/units");
        // The server comes back while the read is still being tried again.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        app.Gate.Open();
        await (await read).Ok();
    }
}
