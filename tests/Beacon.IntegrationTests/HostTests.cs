using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;

namespace Beacon.IntegrationTests;

public abstract class HostTests(BeaconFactory app)
{
    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var client = app.CreateClient();
        Assert.Equal("Healthy", await (await client.GetAsync("/health/live")).Content.ReadAsStringAsync());
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        using var client = app.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json")).Ok();
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/units", out var units));
        Assert.Equal("CreateUnit", units.GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(paths.TryGetProperty("/api/audit/verify", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        using var client = await app.ClientFor("duty");
        await (await client.GetAsync("/api/no-such-thing")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Browser_sign_in_page_is_chinese_by_default()
    {
        using var client = app.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/login"));
        Assert.Contains("用户名", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostTests_Sqlite(SqliteFactory app) : HostTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HostTests_Postgres(PostgresFactory app) : HostTests(app);

/// <summary>A host of its own with a low limit, so the shared hosts' sign-ins do not count against it.</summary>
public sealed class RateLimitedFactory() : BeaconFactory("sqlite")
{
    public override int LoginAttemptsPerMinute => 3;
}

public sealed class LoginRateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_problem()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "x" })).Problem(HttpStatusCode.Unauthorized);
        }
        var p = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "duty", password = BeaconFactory.DemoPassword })).Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many sign-in attempts", p.GetProperty("title").GetString());
    }
}
