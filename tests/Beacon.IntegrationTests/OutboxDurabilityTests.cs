using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Notifications.Channels;

namespace Beacon.IntegrationTests;

/// <summary>
/// Beacon as real processes: one acknowledges a change and is killed before it delivers anything; the
/// next one, on the same database, delivers the change's messages.
/// </summary>
public sealed class OutboxDurabilityTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "beacon-durable-" + Guid.NewGuid().ToString("N"));
    private HttpSink _hook = null!;

    public async Task InitializeAsync() => _hook = await HttpSink.StartAsync();

    public async Task DisposeAsync()
    {
        await _hook.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task<(Process Process, HttpClient Http)> Start(bool dispatch)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Beacon.Web.dll"), "--demo", "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Beacon__DataDirectory"] = _data,
                ["Beacon__Notifications__DispatcherEnabled"] = dispatch ? "true" : "false",
                ["Beacon__Notifications__PollInterval"] = "00:00:00.200",
                ["Beacon__Notifications__Webhooks__0__Url"] = _hook.Url + "/hook",
                ["Beacon__Notifications__Webhooks__0__Secret"] = "durable",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return (process, http);
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.False(process.HasExited, "Beacon exited during start-up");
            await Task.Delay(100);
        }
        throw new TimeoutException("Beacon did not become ready within 60 s");
    }

    private static async Task<HttpClient> As(HttpClient http, string user)
    {
        var token = await (await http.PostAsJsonAsync("/api/auth/token", new { username = user, password = BeaconFactory.DemoPassword })).Ok();
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    [Fact]
    public async Task Messages_of_an_acknowledged_change_survive_a_kill_before_delivery()
    {
        var (first, http) = await Start(dispatch: false);
        Guid userId;
        try
        {
            using var sys = await As(http, "sysadmin");
            var unit = (await (await sys.GetAsync("/api/units")).Ok()).EnumerateArray().First(u => u.GetProperty("code").GetString() == "DJ-LH").GetProperty("id").GetGuid();
            var user = await (await sys.PostAsJsonAsync("/api/users", new { userName = "durable", displayName = "持久", unitId = unit, password = Accounts.Password })).Ok(HttpStatusCode.Created);
            userId = user.GetProperty("id").GetGuid();
            using var sec = await As(http, "secadmin");
            await (await sec.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "leader" } })).Ok();
        }
        finally
        {
            first.Kill(entireProcessTree: true); // no shutdown, no flush: as if the machine lost power
            await first.WaitForExitAsync();
            http.Dispose();
        }
        Assert.Empty(_hook.Requests);

        var (second, http2) = await Start(dispatch: true);
        try
        {
            var waited = Stopwatch.StartNew();
            while (_hook.Requests.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
            var hook = Assert.Single(_hook.Requests);
            Assert.Contains(userId.ToString(), hook.Text, StringComparison.Ordinal);
            Assert.Equal(WebhookChannel.Sign("durable", hook.Body), hook.Headers[WebhookChannel.SignatureHeader]);

            using var user = new HttpClient { BaseAddress = http2.BaseAddress };
            var token = await (await user.PostAsJsonAsync("/api/auth/token", new { username = "durable", password = Accounts.Password })).Ok();
            user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            var inbox = await (await user.GetAsync("/api/notifications")).Ok();
            Assert.Contains(inbox.EnumerateArray(), m => m.GetProperty("topic").GetString() == "user.roles-changed");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            http2.Dispose();
        }
    }
}
