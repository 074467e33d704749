using System.Net;
using System.Text.RegularExpressions;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.IntegrationTests;

/// <summary>A host whose clock the test moves, for the cookie session's idle timeout.</summary>
public sealed class FakeClockFactory() : BeaconFactory("sqlite")
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed partial class BrowserSessionTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private async Task<HttpClient> SignInWithForm(string user, string password, string? returnUrl = null, string expectedPath = "/")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var loginUrl = returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await client.GetStringAsync(loginUrl);
        var token = TokenField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync(loginUrl, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("localhost", location.IsAbsoluteUri ? location.Host : "localhost");
        Assert.Equal(expectedPath, location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
        return client;
    }

    [Fact]
    public async Task Cookie_session_survives_use_and_ends_after_the_idle_timeout()
    {
        using var client = await SignInWithForm("duty", BeaconFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // Active every 20 minutes for an hour: still signed in.
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/session/ping")).StatusCode);
        }

        // Then 31 idle minutes (the default policy allows 30).
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/units", "/admin/units")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example/x", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task After_sign_in_only_local_return_urls_are_followed(string returnUrl, string expected)
    {
        using var client = await SignInWithForm("sysadmin", BeaconFactory.DemoPassword, returnUrl, expected);
    }

    [Fact]
    public async Task The_api_does_not_accept_the_browser_cookie()
    {
        // Only bearer tokens open the API, so a forged cross-site request has no session to ride.
        using var client = await SignInWithForm("duty", BeaconFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ui/units/export.csv")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_on_the_form_does_not_sign_in()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value,
            ["Input.UserName"] = "duty",
            ["Input.Password"] = "nope-nope",
        });
        var response = await client.PostAsync("/login", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_refused()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "duty",
            ["Input.Password"] = BeaconFactory.DemoPassword,
        });
        var response = await client.PostAsync("/login", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("beacon.auth", StringComparison.Ordinal)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
