using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Notifications;
using Beacon.Platform.Notifications.Channels;
using Beacon.Platform.Notifications.Domain;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.IntegrationTests;

/// <summary>
/// A host whose dispatcher the test drives (no background loop, a fake clock) with real SMTP and HTTP
/// servers on 127.0.0.1 standing in for the mail server, the SMS gateway and a webhook subscriber.
/// </summary>
public abstract class NotificationFactory(string provider) : BeaconFactory(provider)
{
    public const string WebhookSecret = "s3cret-hook";
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public HttpSink Http { get; private set; } = null!;
    public SmtpSink Smtp { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Beacon:Notifications:DispatcherEnabled", "false"),
        new("Beacon:Notifications:Email:Host", "127.0.0.1"),
        new("Beacon:Notifications:Email:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Beacon:Notifications:Email:From", "beacon@example.org"),
        new("Beacon:Notifications:Sms:Url", Http.Url + "/sms"),
        new("Beacon:Notifications:Sms:AuthHeader", "Authorization: Bearer sms-key"),
        new("Beacon:Notifications:Webhooks:0:Url", Http.Url + "/hook"),
        new("Beacon:Notifications:Webhooks:0:Secret", WebhookSecret),
        new("Beacon:Notifications:Webhooks:0:Topics:0", "user.roles-changed"),
        new("Beacon:Notifications:Webhooks:1:Url", Http.Url + "/reports-only"),
        new("Beacon:Notifications:Webhooks:1:Secret", "other"),
        new("Beacon:Notifications:Webhooks:1:Topics:0", "report.received"),
    ];

    protected override bool CacheTokens => false;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async Task InitializeAsync()
    {
        Http = await HttpSink.StartAsync();
        Smtp = SmtpSink.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Http.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public Task<int> Dispatch() => Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>Puts a message straight into the outbox, as a module would in its own transaction.</summary>
    public Task<Guid> Enqueue(NotificationChannel channel, string address, string body) => AsSystem(async db =>
    {
        var province = await db.Units.Where(u => u.Code == "DJ").Select(u => u.Path).SingleAsync();
        var n = new Outbox(Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>())
            .ToAddress(db, channel, address, "test.message", null, province, "测试主题", body);
        await db.SaveChangesAsync();
        return n.Id;
    });

    public Task<Notification> Message(Guid id) => AsSystem(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));
}

public sealed class SqliteNotificationFactory() : NotificationFactory("sqlite");

public sealed class PostgresNotificationFactory() : NotificationFactory("postgres");

public abstract class NotificationTests(NotificationFactory app)
{
    private async Task<Guid> GrantRoles(string name, params string[] roles)
    {
        var id = await Accounts.Create(app, name, "DJ-SY-BH");
        using var sec = await app.ClientFor("secadmin");
        await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles })).Ok();
        return id;
    }

    [Fact]
    public async Task A_role_change_reaches_the_holder_in_app_and_the_subscribed_webhook_signed()
    {
        app.Http.Requests.Clear();
        var name = Http.NewCode("nt");
        var id = await GrantRoles(name, "analyst");
        // Nothing has left yet: the messages wait in the outbox, saved with the change.
        Assert.Empty(app.Http.Requests);
        Assert.True(await app.Dispatch() >= 2);

        using var user = await app.ClientFor(name, Accounts.Password);
        var inbox = await (await user.GetAsync("/api/notifications?unacknowledged=true")).Ok();
        var message = Assert.Single(inbox.EnumerateArray(), m => m.GetProperty("topic").GetString() == "user.roles-changed");
        Assert.Contains("analyst", message.GetProperty("body").GetString(), StringComparison.Ordinal);

        var hook = Assert.Single(app.Http.Requests, r => r.Path == "/hook" && r.Text.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(WebhookChannel.Sign(NotificationFactory.WebhookSecret, hook.Body), hook.Headers[WebhookChannel.SignatureHeader]);
        Assert.Equal("user.roles-changed", JsonDocument.Parse(hook.Body).RootElement.GetProperty("topic").GetString());
        Assert.DoesNotContain(app.Http.Requests, r => r.Path == "/reports-only");
    }

    [Fact]
    public async Task A_connected_client_receives_its_message_live_and_nobody_elses()
    {
        var name = Http.NewCode("live");
        var id = await Accounts.Create(app, name, "DJ-SY-BH");
        async Task<HubConnection> Connect(string user, string password)
        {
            var token = await app.TokenFor(user, password);
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(app.Server.BaseAddress, NotificationHub.Path), o =>
                {
                    o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            await hub.StartAsync();
            return hub;
        }
        await using var mine = await Connect(name, Accounts.Password);
        await using var other = await Connect("duty", BeaconFactory.DemoPassword);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaked = false;
        mine.On<JsonElement>(NotificationHub.Method, m => received.TrySetResult(m));
        other.On<JsonElement>(NotificationHub.Method, _ => leaked = true);

        using var sec = await app.ClientFor("secadmin");
        await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "supervisor" } })).Ok();
        await app.Dispatch();

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("user.roles-changed", message.GetProperty("topic").GetString());
        Assert.Equal(id.ToString(), message.GetProperty("subjectId").GetString());
        Assert.False(leaked);
    }

    [Fact]
    public async Task The_recipient_acknowledges_once_and_nobody_else_can()
    {
        var name = Http.NewCode("ack");
        await GrantRoles(name, "handler");
        await app.Dispatch();
        using var user = await app.ClientFor(name, Accounts.Password);
        var id = (await (await user.GetAsync("/api/notifications")).Ok()).EnumerateArray().First().GetProperty("id").GetGuid();

        using var other = await app.ClientFor("duty");
        await (await other.PostAsync($"/api/notifications/{id}/ack", null)).Problem(HttpStatusCode.NotFound);

        var first = await (await user.PostAsync($"/api/notifications/{id}/ack", null)).Ok();
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await (await user.PostAsync($"/api/notifications/{id}/ack", null)).Ok();
        // Kept, not moved by the second call (compared to the millisecond: engines store time at different precision).
        Assert.Equal(first.GetProperty("acknowledgedAt").GetDateTimeOffset().ToUnixTimeMilliseconds(), again.GetProperty("acknowledgedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Empty((await (await user.GetAsync("/api/notifications?unacknowledged=true")).Ok()).EnumerateArray());
        Assert.Equal(1, await app.AsSystem(db => db.AuditEntries.CountAsync(a => a.Action == "notification.acknowledged" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Email_goes_through_smtp_with_the_outbox_id_as_message_id()
    {
        var id = await app.Enqueue(NotificationChannel.Email, "duty@example.org", "请于15分钟内报送首报。");
        await app.Dispatch();
        var sent = await app.Message(id);
        Assert.Equal(DeliveryState.Sent, sent.State);
        var mail = Assert.Single(app.Smtp.Messages, m => m.Contains($"{id:N}@beacon", StringComparison.Ordinal));
        Assert.Contains("To: duty@example.org", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_goes_to_the_gateway_with_the_template_and_auth_header()
    {
        app.Http.Requests.Clear();
        var id = await app.Enqueue(NotificationChannel.Sms, "+8613800000000", "红色预警：\"请立即转移\"");
        await app.Dispatch();
        var sms = Assert.Single(app.Http.Requests, r => r.Path == "/sms");
        Assert.Equal("Bearer sms-key", sms.Headers["Authorization"]);
        Assert.Equal(id.ToString(), sms.Headers["Idempotency-Key"]);
        var json = JsonDocument.Parse(sms.Body).RootElement;
        Assert.Equal("+8613800000000", json.GetProperty("to").GetString());
        Assert.Equal("红色预警：\"请立即转移\"", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_gateway_that_is_down_delays_only_its_own_messages_and_they_go_out_when_it_returns()
    {
        app.Http.FailWith = 503;
        try
        {
            var sms = await app.Enqueue(NotificationChannel.Sms, "+8613900000000", "续报提醒");
            var mail = await app.Enqueue(NotificationChannel.Email, "leader@example.org", "续报提醒");
            await app.Dispatch();
            Assert.Equal(DeliveryState.Sent, (await app.Message(mail)).State);
            var waiting = await app.Message(sms);
            Assert.Equal(DeliveryState.Pending, waiting.State);
            Assert.Equal(1, waiting.Attempts);
            Assert.Contains("503", waiting.LastError, StringComparison.Ordinal);

            // Not before the backoff has passed...
            await app.Dispatch();
            Assert.Equal(1, (await app.Message(sms)).Attempts);
            // ...then again, and the gateway is back.
            app.Http.FailWith = 0;
            app.Clock.Advance(RetryPolicy.Default.DelayAfter(1));
            await app.Dispatch();
            var done = await app.Message(sms);
            Assert.Equal(DeliveryState.Sent, done.State);
            Assert.Equal(2, done.Attempts);
        }
        finally
        {
            app.Http.FailWith = 0;
        }
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_waits_in_the_dead_letters_until_an_administrator_retries_it()
    {
        app.Http.FailWith = 500;
        Guid id;
        try
        {
            id = await app.Enqueue(NotificationChannel.Sms, "+8613700000000", "死信测试");
            for (var i = 0; i < RetryPolicy.Default.MaxAttempts; i++)
            {
                await app.Dispatch();
                app.Clock.Advance(RetryPolicy.Default.MaxDelay);
            }
            Assert.Equal(DeliveryState.DeadLetter, (await app.Message(id)).State);
        }
        finally
        {
            app.Http.FailWith = 0;
        }

        using var duty = await app.ClientFor("duty");
        await (await duty.GetAsync("/api/notifications/dead-letters")).Problem(HttpStatusCode.Forbidden);
        using var sys = await app.ClientFor("sysadmin");
        var dead = await (await sys.GetAsync("/api/notifications/dead-letters")).Ok();
        Assert.Contains(dead.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);

        await (await sys.PostAsync($"/api/notifications/{id}/retry", null)).Ok();
        await app.Dispatch();
        Assert.Equal(DeliveryState.Sent, (await app.Message(id)).State);
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "notification.requeued" && a.EntityId == id.ToString())));
        await (await sys.PostAsync($"/api/notifications/{id}/retry", null)).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_message_once()
    {
        app.Http.Requests.Clear();
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await app.Enqueue(NotificationChannel.Sms, $"+86139000000{i:00}", $"并发{i}"));
        }
        // Two dispatchers over the same outbox, as two Beacon processes would run them.
        var second = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services);
        await Task.WhenAll(app.Dispatch(), second.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(10, app.Http.Requests.Count(r => r.Path == "/sms"));
        foreach (var id in ids)
        {
            Assert.Equal(1, (await app.Message(id)).Attempts);
        }
    }
}

[Collection(SqliteNotificationCollection.Name)]
public sealed class NotificationTests_Sqlite(SqliteNotificationFactory app) : NotificationTests(app);

[Collection(PostgresNotificationCollection.Name)]
public sealed class NotificationTests_Postgres(PostgresNotificationFactory app) : NotificationTests(app);

[CollectionDefinition(Name)]
public sealed class SqliteNotificationCollection : ICollectionFixture<SqliteNotificationFactory>
{
    public const string Name = "sqlite-notifications";
}

[CollectionDefinition(Name)]
public sealed class PostgresNotificationCollection : ICollectionFixture<PostgresNotificationFactory>
{
    public const string Name = "postgres-notifications";
}
