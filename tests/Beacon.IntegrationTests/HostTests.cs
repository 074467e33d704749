using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// Every operation's JSON body in the document has exactly the properties of the type its handler binds, so a
    /// client generated from the document sends what the server reads (several "Request" types once shared one schema).
    /// </summary>
    [Fact]
    public async Task OpenApi_request_bodies_are_the_types_the_handlers_bind()
    {
        using var client = app.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json")).Ok();
        var paths = doc.GetProperty("paths");
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var wrong = new List<string>();
        var bodies = 0;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } type } accepts
                || !accepts.ContentTypes.Contains("application/json"))
            {
                continue;
            }
            // The document names "/api/units/{id:guid}/" as "/api/units/{id}" and a group's root without its slash.
            var path = "/" + Regex.Replace(endpoint.RoutePattern.RawText!, @"\{(\w+)(:[^}?]*)?\??\}", "{$1}").Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var name = $"{method} {path}";
                var operation = default(JsonElement);
                Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out operation), $"{name} is not in the document");
                var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
                var element = type.IsArray ? type.GetElementType()! : type.IsGenericType && type.GetInterface("IEnumerable`1") is not null ? type.GetGenericArguments()[0] : type;
                if (element != type)
                {
                    schema = schema.GetProperty("items");
                }
                var expected = element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToList();
                if (expected.Count == 0)
                {
                    continue;
                }
                bodies++;
                var resolved = Resolve(schema, schemas);
                var actual = resolved.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => p.Name).Order().ToList() : [];
                if (!expected.SequenceEqual(actual))
                {
                    wrong.Add($"{name}: binds {element.FullName} ({string.Join(", ", expected)}) but the document says ({string.Join(", ", actual)})");
                }
            }
        }
        Assert.True(bodies > 40, $"only {bodies} JSON bodies found");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            return Resolve(schemas.GetProperty(r.GetString()!.Split('/')[^1]), schemas);
        }
        // A nullable body reads as anyOf/oneOf [null, $ref] in OpenAPI 3.1.
        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(key, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    var inner = Resolve(option, schemas);
                    if (inner.TryGetProperty("properties", out _))
                    {
                        return inner;
                    }
                }
            }
        }
        return schema;
    }

    [Fact]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers_and_pages_allow_only_own_scripts()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/login", "/api/units", "/health/live", "/api/no-such-thing", "/openapi/v1.json" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        }
        var page = await client.GetAsync("/login");
        Assert.Contains("script-src 'self';", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : $"(no {name} on {response.RequestMessage?.RequestUri?.AbsolutePath})";

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
        var refused = await client.PostAsJsonAsync("/api/auth/token", new { username = "duty", password = BeaconFactory.DemoPassword });
        var p = await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many sign-in attempts", p.GetProperty("title").GetString());
        // When to come back: within the minute's window.
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
    }
}
