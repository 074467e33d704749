using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Beacon.IntegrationTests;

/// <summary>
/// One of two Beacon hosts on one PostgreSQL database, each with its Quartz scheduler running clustered and
/// firing the sweeps every second. The hosts share one fake clock, so the deadlines fall due when the test says.
/// </summary>
public sealed class ClusterHost(FakeTimeProvider clock, ClusterHost? first = null) : ClockedFactory("postgres", clock)
{
    protected override bool SchedulerEnabled => true;
    protected override bool OwnsDatabase => first is null;
    public override string ConnectionString => first?.ConnectionString ?? base.ConnectionString;
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Beacon:Scheduler:SweepInterval", "00:00:01")];
}

[Collection(ClusterCollection.Name)]
public sealed class SchedulerClusterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ClusterHost _a = null!;
    private ClusterHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = new ClusterHost(_clock);
        await _a.InitializeAsync();
        _b = new ClusterHost(_clock, _a);
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private async Task<List<Guid>> LevelOneEvents(int count)
    {
        using var reporter = await _a.ClientFor("reporter");
        var analystName = Http.NewCode("an-analyst");
        await Accounts.Create(_a, analystName, "DJ-LH-AN", "analyst");
        using var analyst = await _b.ClientFor(analystName, Accounts.Password);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var now = _clock.GetUtcNow();
            var created = await (await reporter.PostAsJsonAsync("/api/reports", new
            {
                eventTypeCode = "natural.flood",
                occurredAt = now.AddMinutes(-3),
                learnedAt = now.AddMinutes(-2),
                place = $"城关镇{i}号堤段",
                peopleAffected = 100,
                unitsInvolved = "城关镇",
                measuresTaken = "转移群众",
                measuresPlanned = "加固堤防",
                contactName = "李信息",
                contactPhone = "13800000000",
            })).Ok(HttpStatusCode.Created);
            var id = created.GetProperty("id").GetGuid();
            await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 1, summary = "特别重大汛情" })).Ok();
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public async Task Two_clustered_hosts_record_each_missed_follow_up_exactly_once()
    {
        var events = await LevelOneEvents(12);
        _clock.Advance(TimeSpan.FromMinutes(31));
        // Quartz reads the container's clock when it works out a trigger's next firing: after a 31-minute jump of the
        // fake clock it would wait 31 real minutes. Each host's scheduler is asked to fire now; from then on they run
        // every second on their own, and the cluster lets one of them at a time through.
        foreach (var host in new[] { _a, _b })
        {
            var scheduler = await host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
            await scheduler.TriggerJob(new Quartz.JobKey("beacon-sweeps"));
        }

        // The schedulers keep real time and fire every second; wait for them to get through the due follow-ups.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int missed;
        do
        {
            await Task.Delay(250);
            missed = await _a.AsSystem(db => db.Set<ReportObligation>().CountAsync(o => events.Contains(o.EventId!.Value) && o.Kind == DeadlineKind.FollowUp && o.MissedAt != null));
        }
        while (missed < events.Count && DateTime.UtcNow < deadline);
        // A few more firings on both hosts must change nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var dues = await _a.AsSystem(db => db.Set<ReportObligation>().Where(o => events.Contains(o.EventId!.Value) && o.Kind == DeadlineKind.FollowUp).ToListAsync());
        foreach (var e in events)
        {
            var mine = dues.Where(o => o.EventId == e).ToList();
            Assert.Single(mine, o => o.MissedAt is not null);
            Assert.Single(mine, o => o.State == ObligationState.Open); // exactly one next slot
        }
        var missedIds = dues.Where(o => o.MissedAt is not null).Select(o => o.Id.ToString()).ToHashSet();
        var duty = await _a.UserId("duty");
        var messages = await _a.AsSystem(db => db.Notifications.Where(n => n.Topic == "report.missing" && n.RecipientUserId == duty)
            .Select(n => n.SubjectId!).ToListAsync());
        Assert.Equal(missedIds.Order(), messages.Where(missedIds.Contains).Order());
        var audits = await _a.AsSystem(db => db.AuditEntries.Where(a => a.Action == "report-obligation.updated" && a.Summary.Contains("MissedAt"))
            .Select(a => a.EntityId!).ToListAsync());
        Assert.Equal(missedIds.Order(), audits.Where(missedIds.Contains).Order());

        // Both schedulers took part in one Quartz cluster on this database.
        await using var conn = new NpgsqlConnection(_a.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state", conn);
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Sweeps_started_on_both_hosts_at_once_record_each_item_once()
    {
        var events = await LevelOneEvents(8);
        _clock.Advance(TimeSpan.FromMinutes(31));
        await Task.WhenAll(_a.Sweep(), _b.Sweep(), _a.Sweep(), _b.Sweep());
        var dues = await _a.AsSystem(db => db.Set<ReportObligation>().Where(o => events.Contains(o.EventId!.Value) && o.Kind == DeadlineKind.FollowUp).ToListAsync());
        Assert.Equal(events.Count, dues.Count(o => o.MissedAt is not null));
        Assert.Equal(events.Count, dues.Count(o => o.State == ObligationState.Open));
    }
}

/// <summary>
/// The clustered schedulers keep real time and are given a minute to catch up: alone, not beside the other
/// classes' hosts competing for the two cores, or a busy machine can starve them past the wait.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "clustered schedulers";
}
