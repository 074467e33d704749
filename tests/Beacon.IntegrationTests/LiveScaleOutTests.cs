using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Notifications;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests;

/// <summary>One of two Beacon hosts on one PostgreSQL database and one Redis (BEACON_TEST_REDIS, started by scripts/test.sh).</summary>
public sealed class RedisHost(RedisHost? first = null) : BeaconFactory("postgres")
{
    public static string Redis => Environment.GetEnvironmentVariable("BEACON_TEST_REDIS")
        ?? throw new InvalidOperationException("BEACON_TEST_REDIS is not set: run the suite with scripts/test.sh, which starts a throwaway Redis.");

    protected override bool OwnsDatabase => first is null;
    protected override bool CacheTokens => false;
    public override string ConnectionString => first?.ConnectionString ?? base.ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Beacon:Redis:Configuration", Redis),
        // Delivery happens when the test says, and on the host it names.
        new("Beacon:Notifications:DispatcherEnabled", "false"),
    ];
}

[Collection(PostgresCollection.Name)]
public sealed class LiveScaleOutTests : IAsyncLifetime
{
    private RedisHost _a = null!;
    private RedisHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = new RedisHost();
        await _a.InitializeAsync();
        _b = new RedisHost(_a);
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_message_delivered_by_one_host_reaches_the_live_client_and_the_ui_of_the_other()
    {
        // The duty officer's browser and live connection are on host A.
        var token = await _a.TokenFor("duty");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_a.Server.BaseAddress, NotificationHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => _a.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>(NotificationHub.Method, m => pushed.TrySetResult(m));
        await hub.StartAsync();
        var duty = await _a.AsSystem(db => db.Users.Where(u => u.UserName == "duty").Select(u => u.Id).SingleAsync());
        var circuit = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        _a.Services.GetRequiredService<LiveNotifications>().Delivered += user =>
        {
            if (user == duty)
            {
                circuit.TrySetResult(user);
            }
        };

        // The report is filed on host B and its message delivered by host B's dispatcher.
        using var reporter = await _b.ClientFor("reporter");
        var filed = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "natural.flood",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-3),
            learnedAt = DateTimeOffset.UtcNow.AddMinutes(-2),
            place = "城关镇河堤",
            peopleAffected = 10,
            unitsInvolved = "城关镇",
            measuresTaken = "转移",
            measuresPlanned = "加固",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Ok(HttpStatusCode.Created);
        await _b.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);

        var message = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(filed.GetProperty("id").GetGuid().ToString(), message.GetProperty("subjectId").GetString());
        Assert.Equal(duty, await circuit.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
