using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Scheduling;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.IntegrationTests;

/// <summary>A host whose clock the tests move; sweeps run when the test says so.</summary>
public abstract class ClockedFactory(string provider, FakeTimeProvider? clock = null) : BeaconFactory(provider)
{
    public FakeTimeProvider Clock { get; } = clock ?? new(DateTimeOffset.UtcNow);
    protected override bool CacheTokens => false;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        // The dispatcher polls on the injected clock: moving it by days would fire its timer once per poll interval
        // passed (a million times for 25 days). These tests read the outbox; they do not need it sent.
        services.Configure<Beacon.Platform.Notifications.NotificationOptions>(o => o.DispatcherEnabled = false);
    }

    public Task<IReadOnlyDictionary<string, int>> Sweep() => Services.GetRequiredService<SweepRunner>().RunAllAsync(CancellationToken.None);

    public Task<Guid> UserId(string userName) => AsSystem(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public Task<List<string>> TopicsFor(Guid userId, string subjectId) =>
        AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == userId && n.SubjectId == subjectId).OrderBy(n => n.CreatedAt)
            .Select(n => n.Topic).ToListAsync());
}

public sealed class ClockedSqliteFactory() : ClockedFactory("sqlite");

public sealed class ClockedPostgresFactory() : ClockedFactory("postgres");

public abstract class ReportWorkflowTests(ClockedFactory app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private object FirstReport(Guid? unitId = null) => new
    {
        unitId,
        eventTypeCode = "accident.fire",
        occurredAt = Now.AddMinutes(-6),
        learnedAt = Now.AddMinutes(-5),
        place = "安宁县城关镇东街12号",
        peopleAffected = 40,
        injuries = 2,
        unitsInvolved = "城关镇、县消防救援大队",
        measuresTaken = "疏散居民40人",
        measuresPlanned = "排查周边建筑",
        contactName = "李信息",
        contactPhone = "13800000000",
    };

    private async Task<Guid> File(HttpClient reporter, Guid? unitId = null) =>
        (await (await reporter.PostAsJsonAsync("/api/reports", FirstReport(unitId))).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>An analyst of the county (the demo analyst sits in a city department, outside the town's subtree).</summary>
    private async Task<HttpClient> CountyAnalyst()
    {
        var name = _countyAnalyst = Http.NewCode("an-analyst");
        await Accounts.Create(app, name, "DJ-LH-AN", "analyst");
        return await app.ClientFor(name, Accounts.Password);
    }

    private string? _countyAnalyst;

    /// <summary>The same county analyst with a fresh token (for after the clock has moved past the old one's expiry).</summary>
    private async Task<HttpClient> CountyAnalystAgain() => await app.ClientFor(_countyAnalyst!, Accounts.Password);

    /// <summary>Times read back from the database: SQLite keeps them to a tenth of a millisecond.</summary>
    private static void AssertAt(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected - TimeSpan.FromMilliseconds(1), expected + TimeSpan.FromMilliseconds(1));

    private static async Task<JsonElement> Timeline(HttpClient c, Guid id) => await (await c.GetAsync($"/api/reports/{id}/timeline")).Ok();

    [Fact]
    public async Task A_level_II_event_owes_a_follow_up_every_thirty_minutes_and_a_missed_one_is_recorded_once()
    {
        using var reporter = await app.ClientFor("reporter");
        using var analyst = await CountyAnalyst();
        var id = await File(reporter);
        var assessedAt = Now;
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "较大火灾，需持续跟踪" })).Ok();
        AssertAt(assessedAt.AddMinutes(30), (await Timeline(reporter, id)).GetProperty("nextFollowUpDueAt").GetDateTimeOffset());

        // Filed after 20 minutes: on time, and the next one is due 30 minutes after it.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var first = await (await reporter.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "明火已扑灭，2人送医", injuries = 3 }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("sequence").GetInt32());
        Assert.Equal("on-time", first.GetProperty("timeliness").GetString());
        var nextDue = first.GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.Equal(Now.AddMinutes(30), nextDue);

        // Nothing for 31 minutes: the sweep records one missing report and tells the duty desk; sweeping again adds nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.Sweep();
        await app.Sweep();
        var timeline = await Timeline(reporter, id);
        Assert.Equal(1, timeline.GetProperty("missedFollowUps").GetInt32());
        AssertAt(nextDue.AddMinutes(30), timeline.GetProperty("nextFollowUpDueAt").GetDateTimeOffset());
        var duty = await app.UserId("duty");
        var dues = (await app.AsSystem(db => db.Set<ReportObligation>().Where(o => o.EventId == id).Select(o => o.Id).ToListAsync()))
            .Select(o => o.ToString()).ToList();
        var missing = await app.AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == duty && n.Topic == "report.missing")
            .Select(n => n.SubjectId).ToListAsync());
        Assert.Single(missing, m => m is not null && dues.Contains(m));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "report-obligation.updated" && a.Summary.Contains("MissedAt"))));

        // A follow-up now answers the current slot late? No: the current slot started at the missed due time and is still open.
        var second = await (await reporter.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "现场清理中" })).Ok(HttpStatusCode.Created);
        Assert.Equal("on-time", second.GetProperty("timeliness").GetString());

        // The reporter may not regrade; the analyst closes the event with the final report, and nothing more is owed.
        await (await reporter.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "升级", level = 1 })).Problem(HttpStatusCode.Forbidden);
        var final = await (await analyst.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "处置完毕，终报", isFinal = true }))
            .Ok(HttpStatusCode.Created);
        Assert.True(final.GetProperty("isFinal").GetBoolean());
        Assert.Equal(JsonValueKind.Null, final.GetProperty("nextDueAt").ValueKind);
        await (await reporter.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "补充" })).Problem(HttpStatusCode.Conflict);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Sweep();
        using var later = await app.ClientFor("reporter"); // the earlier token has expired on the moved clock
        timeline = await Timeline(later, id);
        Assert.Equal(1, timeline.GetProperty("missedFollowUps").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, timeline.GetProperty("report").GetProperty("closedAt").ValueKind);
        var kinds = timeline.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["first-report", "assessment", "follow-up", "missed-follow-up", "follow-up", "final-report"], kinds);
        // The county never handed the level II event up: the county sees that miss; the town's reporter does not see the county's clocks.
        using var countyLater = await CountyAnalystAgain();
        Assert.Equal("missed-upward", (await Timeline(countyLater, id)).GetProperty("entries").EnumerateArray().Last().GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_assessed_event_goes_up_hop_by_hop_on_the_level_clock_and_a_late_hand_over_is_recorded_missing()
    {
        using var reporter = await app.ClientFor("reporter"); // 城关镇 → 安宁县 → 临海市 → 东江省
        using var analyst = await CountyAnalyst();
        var cityDesk = await Accounts.Create(app, Http.NewCode("lh-duty"), "DJ-LH", "duty-officer");

        // Level III must reach the city: the county owes it within 8 hours, and the city owes nothing further.
        var id = await File(reporter);
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 3, summary = "较大" })).Ok();
        AssertAt(Now.AddHours(8), (await Timeline(analyst, id)).GetProperty("nextUpwardDueAt").GetDateTimeOffset());
        await (await reporter.PostAsJsonAsync($"/api/reports/{id}/upward", new { })).Problem(HttpStatusCode.Forbidden);
        var hop = await (await analyst.PostAsJsonAsync($"/api/reports/{id}/upward", new { note = "请市局掌握" })).Ok(HttpStatusCode.Created);
        Assert.Equal("on-time", hop.GetProperty("timeliness").GetString());
        Assert.Equal(await app.UnitId("DJ-LH"), hop.GetProperty("toUnitId").GetGuid());
        Assert.Equal(JsonValueKind.Null, hop.GetProperty("nextDueAt").ValueKind);
        Assert.Equal(["report.received"], await app.TopicsFor(cityDesk, id.ToString()));
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/upward", new { })).Problem(HttpStatusCode.Conflict);
        using (var city = await app.ClientFor("leader"))
        {
            var high = await (await city.PostAsJsonAsync($"/api/reports/{id}/upward", new { })).Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("III", high.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Level II must reach the province within 2 hours per hop; the county lets it slip.
        var late = await File(reporter);
        await (await analyst.PostAsJsonAsync($"/api/reports/{late}/assessment", new { level = 2, summary = "重大" })).Ok();
        var assessedAt = Now;
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await app.Sweep();
        using var analystLater = await CountyAnalystAgain();
        var timeline = await Timeline(analystLater, late);
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "missed-upward");
        var sent = await (await analystLater.PostAsJsonAsync($"/api/reports/{late}/upward", new { })).Ok(HttpStatusCode.Created);
        Assert.Equal("late", sent.GetProperty("timeliness").GetString());
        AssertAt(Now.AddHours(2), sent.GetProperty("nextDueAt").GetDateTimeOffset()); // the city's own clock

        using var leader = await app.ClientFor("leader");
        var record = await (await leader.GetAsync($"/api/reports/record?from={Uri.EscapeDataString(assessedAt.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(Now.AddMinutes(1).ToString("O"))}")).Ok();
        var county = record.EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "DJ-LH-AN");
        Assert.Equal(1, county.GetProperty("missingUpward").GetInt32());
    }

    [Fact]
    public async Task The_report_list_filters_by_subtree_type_level_status_and_period_and_a_report_shows_every_deadline()
    {
        using var reporter = await app.ClientFor("reporter");
        using var analyst = await CountyAnalyst();
        var since = Now.AddSeconds(-1);
        var graded = await File(reporter);
        await (await analyst.PostAsJsonAsync($"/api/reports/{graded}/assessment", new { level = 1, summary = "特别重大" })).Ok();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await File(reporter);
        var town = await app.UnitId("DJ-LH-AN-CG");

        async Task<List<Guid>> Ids(string query) => (await (await analyst.GetAsync("/api/reports?" + query)).Ok()).EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ToList();
        var window = $"from={Uri.EscapeDataString(since.ToString("O"))}";
        Assert.Equal([graded], (await Ids($"{window}&level=1")).Intersect([graded, fresh]));
        Assert.Equal([fresh], (await Ids($"{window}&status=unassessed")).Intersect([graded, fresh]));
        Assert.Equal([fresh, graded], (await Ids($"{window}&unitId={town}&type=accident")).Intersect([graded, fresh]));
        Assert.Empty((await Ids($"{window}&type=natural")).Intersect([graded, fresh]));
        Assert.Empty((await Ids($"to={Uri.EscapeDataString(since.ToString("O"))}")).Intersect([graded, fresh]));
        var bad = await (await analyst.GetAsync("/api/reports?status=maybe&level=7")).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("level", out _));
        await (await analyst.GetAsync($"/api/reports?unitId={await app.UnitId("DJ-SY")}")).Problem(HttpStatusCode.NotFound);

        // One report, every clock: first report, assessment, the follow-up every 30 minutes, the county's hand-over upward.
        var detail = await (await analyst.GetAsync($"/api/reports/{graded}")).Ok();
        var kinds = detail.GetProperty("deadlines").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("state").GetString())).ToList();
        Assert.Contains(("first", "met"), kinds);
        Assert.Contains(("assessment", "met"), kinds);
        Assert.Contains(("follow-up", "open"), kinds);
        Assert.Contains(("upward", "open"), kinds);
    }

    [Fact]
    public async Task Follow_ups_missed_while_no_sweep_ran_are_each_recorded_under_one_notice_and_a_long_place_does_not_block_them()
    {
        using var reporter = await app.ClientFor("reporter");
        using var analyst = await CountyAnalyst();
        var place = "城关镇" + new string('街', 497); // the longest place a report takes
        var body = new
        {
            eventTypeCode = "natural.flood",
            occurredAt = Now.AddMinutes(-3),
            learnedAt = Now.AddMinutes(-2),
            place,
            peopleAffected = 300,
            unitsInvolved = "城关镇",
            measuresTaken = "转移",
            measuresPlanned = "加固",
            contactName = "李信息",
            contactPhone = "13800000000",
        };
        var id = (await (await reporter.PostAsJsonAsync("/api/reports", body)).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 1, summary = "特别重大汛情" })).Ok();
        var assessedAt = Now;

        // The server was down for 2 h 5 min: four 30-minute slots passed.
        app.Clock.Advance(TimeSpan.FromMinutes(125));
        await app.Sweep();
        var dues = await app.AsSystem(db => db.Set<ReportObligation>().Where(o => o.EventId == id && o.Kind == DeadlineKind.FollowUp).ToListAsync());
        Assert.Equal([30, 60, 90, 120], dues.Where(o => o.MissedAt is not null).Select(o => (int)Math.Round((o.DueAt - assessedAt).TotalMinutes)).Order());
        Assert.Equal(150, (int)Math.Round((Assert.Single(dues, o => o.State == ObligationState.Open).DueAt - assessedAt).TotalMinutes));
        var ids = dues.Select(o => o.Id.ToString()).ToHashSet();
        var duty = await app.UserId("duty");
        var notices = await app.AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == duty && n.Topic == "report.missing").Select(n => n.SubjectId!).ToListAsync());
        Assert.Single(notices, ids.Contains);
        // The subject quoting the 500-character place was cut to fit, not refused.
        Assert.True(await app.AsSystem(db => db.Notifications.AnyAsync(n => n.SubjectId != null && ids.Contains(n.SubjectId) && n.Subject.EndsWith("…"))));
        using var later = await app.ClientFor("reporter");
        await (await later.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = "恢复报送" })).Ok(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_unit_is_reminded_once_five_minutes_before_a_follow_up_falls_due()
    {
        using var reporter = await app.ClientFor("reporter");
        using var analyst = await CountyAnalyst();
        var id = await File(reporter);
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "重大" })).Ok();
        var due = (await app.AsSystem(db => db.Set<ReportObligation>().SingleAsync(o => o.EventId == id && o.Kind == DeadlineKind.FollowUp))).Id.ToString();
        var me = await app.UserId("reporter");
        async Task<int> Reminders() => await app.AsSystem(db => db.Notifications.CountAsync(n => n.RecipientUserId == me && n.Topic == "report.reminder" && n.SubjectId == due));

        app.Clock.Advance(TimeSpan.FromMinutes(24));
        await app.Sweep();
        Assert.Equal(0, await Reminders());
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.Sweep();
        await app.Sweep();
        Assert.Equal(1, await Reminders());
        var text = await app.AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == me && n.SubjectId == due).Select(n => n.Body).SingleAsync());
        Assert.Contains("续报", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_level_III_event_owes_no_follow_ups_and_a_follow_up_needs_progress()
    {
        using var reporter = await app.ClientFor("reporter");
        using var analyst = await CountyAnalyst();
        var id = await File(reporter);
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 3, summary = "一般" })).Ok();
        Assert.Equal(JsonValueKind.Null, (await Timeline(reporter, id)).GetProperty("nextFollowUpDueAt").ValueKind);
        var p = await (await reporter.PostAsJsonAsync($"/api/reports/{id}/followups", new { progress = " ", deaths = -1 })).Problem(HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("progress", out _));
        Assert.True(p.GetProperty("errors").TryGetProperty("deaths", out _));
        Assert.Equal(0, (await Timeline(reporter, id)).GetProperty("report").GetProperty("followUpCount").GetInt32());
    }

    [Fact]
    public async Task An_unacknowledged_report_alerts_the_A_post_then_the_B_post_then_the_unit_head_and_stops_when_acknowledged()
    {
        // Baihe county: its own desk, A and B posts, and a head.
        var a = await Accounts.Create(app, Http.NewCode("bh-a"), "DJ-SY-BH", "duty-officer");
        var bName = Http.NewCode("bh-b");
        var b = await Accounts.Create(app, bName, "DJ-SY-BH", "duty-officer");
        var head = await Accounts.Create(app, Http.NewCode("bh-head"), "DJ-SY-BH", "leader");
        var plannerName = Http.NewCode("bh-plan");
        await Accounts.Create(app, plannerName, "DJ-SY-BH", "leader");
        var town = await app.UnitId("DJ-SY-BH-DZ");
        var reporterName = Http.NewCode("dz-rep");
        await Accounts.Create(app, reporterName, "DJ-SY-BH-DZ", "reporter");
        using var planner = await app.ClientFor(plannerName, Accounts.Password);
        var county = await app.UnitId("DJ-SY-BH");
        var shift = new { unitId = county, startsAt = Now.AddHours(-1), endsAt = Now.AddHours(11), aPostUserId = a, bPostUserId = b, headUserId = head };
        await (await planner.PostAsJsonAsync("/api/duty-roster", shift)).Ok(HttpStatusCode.Created);

        // Overlaps, and a leader on an officer's post, are refused with the field named.
        var overlap = await (await planner.PostAsJsonAsync("/api/duty-roster", shift with { startsAt = Now.AddHours(10), endsAt = Now.AddHours(20) }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(overlap.GetProperty("errors").TryGetProperty("startsAt", out _));
        var notOfficer = await (await planner.PostAsJsonAsync("/api/duty-roster",
            shift with { startsAt = Now.AddHours(12), endsAt = Now.AddHours(24), aPostUserId = head })).Problem(HttpStatusCode.BadRequest);
        Assert.True(notOfficer.GetProperty("errors").TryGetProperty("aPostUserId", out _));
        using (var reporterOnly = await app.ClientFor(reporterName, Accounts.Password))
        {
            await (await reporterOnly.PostAsJsonAsync("/api/duty-roster", shift with { startsAt = Now.AddDays(2), endsAt = Now.AddDays(2).AddHours(8) }))
                .Problem(HttpStatusCode.Forbidden);
        }

        // A shift that has begun keeps its posts: they are the record of who was on duty.
        var planned = (await (await planner.GetAsync($"/api/duty-roster?unitId={county}")).Ok()).EnumerateArray().Single();
        await (await planner.PutAsJsonAsync($"/api/duty-roster/{planned.GetProperty("id").GetGuid()}", shift with { aPostUserId = b, bPostUserId = a }))
            .Problem(HttpStatusCode.Conflict);

        using var reporter = await app.ClientFor(reporterName, Accounts.Password);
        var id = await File(reporter, town);
        var key = id.ToString();
        Assert.Equal(["report.received"], await app.TopicsFor(a, key));
        Assert.Empty(await app.TopicsFor(b, key));

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await app.Sweep();
        Assert.Empty(await app.TopicsFor(b, key));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Sweep();
        await app.Sweep();
        Assert.Equal(["report.escalated"], await app.TopicsFor(b, key));
        Assert.Empty(await app.TopicsFor(head, key));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Sweep();
        Assert.Equal(["report.escalated"], await app.TopicsFor(head, key));

        // A desk above (the city's leader) cannot acknowledge for the county's desk.
        var cityLeader = Http.NewCode("sy-leader");
        await Accounts.Create(app, cityLeader, "DJ-SY", "leader");
        using (var above = await app.ClientFor(cityLeader, Accounts.Password))
        {
            await (await above.PostAsync($"/api/reports/{id}/receipt", null)).Problem(HttpStatusCode.NotFound);
        }

        // The B post acknowledges: the first acknowledgement counts, nobody else is alerted, and it leaves the open list.
        using var bClient = await app.ClientFor(bName, Accounts.Password);
        var ack = await (await bClient.PostAsync($"/api/reports/{id}/receipt", null)).Ok();
        Assert.Equal(b, ack.GetProperty("acknowledgedBy").GetGuid());
        Assert.DoesNotContain((await (await bClient.GetAsync("/api/duty-desk/alerts")).Ok()).EnumerateArray(), x => x.GetProperty("reportId").GetGuid() == id);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await app.Sweep();
        Assert.Single(await app.TopicsFor(head, key));
        // The reporter's town desk has no say in another desk's receipt.
        await (await reporter.PostAsync($"/api/reports/{id}/receipt", null)).Problem(HttpStatusCode.Forbidden);
        var timeline = await Timeline(bClient, id);
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "receipt");
    }

    [Fact]
    public async Task A_protection_period_lists_units_without_their_daily_report_and_records_the_missing_ones()
    {
        var officeName = Http.NewCode("qs-analyst");
        await Accounts.Create(app, officeName, "DJ-LH-QS", "analyst");
        using var office = await app.ClientFor(officeName, Accounts.Password);
        var sq = await app.UnitId("DJ-LH-QS-SQ");
        var lt = await app.UnitId("DJ-LH-QS-LT");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, zone).DateTime);

        var bad = await (await office.PostAsJsonAsync("/api/protection-periods",
            new { name = "", startDay = today.AddDays(2), endDay = today, unitIds = Array.Empty<Guid>() })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "endDay", "unitIds" })
        {
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        }
        // A unit of another county is outside the office's scope: not found, and nothing declared.
        await (await office.PostAsJsonAsync("/api/protection-periods",
            new { name = "国庆", startDay = today, endDay = today, unitIds = new[] { sq, await app.UnitId("DJ-LH-AN-CG") } })).Problem(HttpStatusCode.NotFound);

        var period = await (await office.PostAsJsonAsync("/api/protection-periods",
            new { name = "国庆特别防护期", startDay = today, endDay = today.AddDays(1), unitIds = new[] { sq, lt } })).Ok(HttpStatusCode.Created);
        var id = period.GetProperty("id").GetGuid();
        var coverage = await (await office.GetAsync($"/api/protection-periods/{id}")).Ok();
        Assert.Equal(0, coverage.GetProperty("filed").GetInt32());
        Assert.Equal(2, coverage.GetProperty("total").GetInt32());

        var sqName = Http.NewCode("sq-rep");
        await Accounts.Create(app, sqName, "DJ-LH-QS-SQ", "reporter");
        using var sqReporter = await app.ClientFor(sqName, Accounts.Password);
        var daily = await (await sqReporter.PostAsJsonAsync($"/api/protection-periods/{id}/daily-reports", new { summary = "辖区平稳，无突发事件" }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal("on-time", daily.GetProperty("timeliness").GetString());
        await (await sqReporter.PostAsJsonAsync($"/api/protection-periods/{id}/daily-reports", new { summary = "再报" })).Problem(HttpStatusCode.Conflict);
        var future = await (await sqReporter.PostAsJsonAsync($"/api/protection-periods/{id}/daily-reports", new { summary = "明天", day = today.AddDays(1) }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("day", out _));

        coverage = await (await office.GetAsync($"/api/protection-periods/{id}")).Ok();
        Assert.Equal(1, coverage.GetProperty("filed").GetInt32());
        var rows = coverage.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(lt, rows[0].GetProperty("unitId").GetGuid()); // the missing one first
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("filedAt").ValueKind);

        // Past the end of the local day: Liutang's report is recorded missing, Shiqiao's is not.
        var tomorrowStart = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        app.Clock.Advance(tomorrowStart - Now + TimeSpan.FromMinutes(1));
        await app.Sweep();
        using var officeLater = await app.ClientFor(officeName, Accounts.Password);
        coverage = await (await officeLater.GetAsync($"/api/protection-periods/{id}?day={today:yyyy-MM-dd}")).Ok();
        var states = coverage.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unitId").GetGuid(), u => u.GetProperty("state").GetString());
        Assert.Equal("missed", states[lt]);
        Assert.Equal("met", states[sq]);
        // A late report for the missed day is still taken, marked late; the miss stays on record.
        var ltName = Http.NewCode("lt-rep");
        await Accounts.Create(app, ltName, "DJ-LH-QS-LT", "reporter");
        using var ltReporter = await app.ClientFor(ltName, Accounts.Password);
        var late = await (await ltReporter.PostAsJsonAsync($"/api/protection-periods/{id}/daily-reports", new { summary = "补报", day = today }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal("late", late.GetProperty("timeliness").GetString());
        Assert.NotNull(await app.AsSystem(db => db.Set<ReportObligation>().Where(o => o.PeriodId == id && o.UnitId == lt && o.Day == today)
            .Select(o => o.MissedAt).SingleAsync()));
        // A sibling county's reporter does not see the period.
        using var anning = await app.ClientFor("reporter");
        await (await anning.GetAsync($"/api/protection-periods/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_upper_unit_circulates_a_report_to_a_lower_unit_elsewhere_which_sees_and_acknowledges_it()
    {
        using var reporter = await app.ClientFor("reporter"); // 城关镇, 安宁县
        var id = await File(reporter);
        using var city = await app.ClientFor("leader"); // 临海市
        var qs = await app.UnitId("DJ-LH-QS");
        var upward = await (await reporter.PostAsJsonAsync($"/api/reports/{id}/circulate", new { unitIds = new[] { qs } }))
            .Problem(HttpStatusCode.Forbidden); // a reporter does not circulate
        Assert.NotNull(upward.GetProperty("title").GetString());
        var self = await (await city.PostAsJsonAsync($"/api/reports/{id}/circulate", new { unitIds = new[] { await app.UnitId("DJ-LH") } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(self.GetProperty("errors").TryGetProperty("unitIds", out _));
        var qsName = Http.NewCode("qs-duty");
        await Accounts.Create(app, qsName, "DJ-LH-QS", "duty-officer");
        await (await city.PostAsJsonAsync($"/api/reports/{id}/circulate", new { unitIds = new[] { qs }, note = "请青石县举一反三，排查同类隐患" }))
            .Ok(HttpStatusCode.Created);

        using var qingshi = await app.ClientFor(qsName, Accounts.Password);
        var inbox = (await (await qingshi.GetAsync("/api/circulations?open=true")).Ok()).EnumerateArray().Single(c => c.GetProperty("reportId").GetGuid() == id);
        Assert.Equal("安宁县城关镇东街12号", inbox.GetProperty("place").GetString());
        // The circulation is the window: the report itself stays outside Qingshi's scope.
        await (await qingshi.GetAsync($"/api/reports/{id}")).Problem(HttpStatusCode.NotFound);
        var circulationId = inbox.GetProperty("id").GetGuid();
        Assert.True(await app.AsSystem(db => db.Notifications.AnyAsync(n => n.Topic == "report.circulated" && n.SubjectId == circulationId.ToString())));

        // The city leader sees it but is not the recipient; a sibling county does not see it at all.
        await (await city.PostAsync($"/api/circulations/{circulationId}/acknowledgement", null)).Problem(HttpStatusCode.Forbidden);
        using (var anning = await app.ClientFor("duty"))
        {
            await (await anning.PostAsync($"/api/circulations/{circulationId}/acknowledgement", null)).Problem(HttpStatusCode.NotFound);
        }
        var acked = await (await qingshi.PostAsync($"/api/circulations/{circulationId}/acknowledgement", null)).Ok();
        Assert.NotEqual(JsonValueKind.Null, acked.GetProperty("acknowledgedAt").ValueKind);
        Assert.DoesNotContain((await (await qingshi.GetAsync("/api/circulations?open=true")).Ok()).EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == circulationId);
    }

    [Fact]
    public async Task A_leader_tightens_a_deadline_for_the_subtree_and_reports_below_are_timed_by_it()
    {
        using var leader = await app.ClientFor("leader"); // 临海市
        var cityId = await app.UnitId("DJ-SY"); // 山阳市: another city, outside the leader's scope
        await (await leader.PutAsJsonAsync($"/api/deadline-policies/{cityId}", new[] { new { kind = "First", withinMinutes = 30 } }))
            .Problem(HttpStatusCode.NotFound);
        using var reporter = await app.ClientFor("reporter");
        var own = await app.UnitId("DJ-LH");
        await (await reporter.PutAsJsonAsync($"/api/deadline-policies/{own}", new[] { new { kind = "First", withinMinutes = 30 } }))
            .Problem(HttpStatusCode.Forbidden);
        var bad = await (await leader.PutAsJsonAsync($"/api/deadline-policies/{own}", new object[]
        {
            new { kind = "Coffee", withinMinutes = 5 },
            new { kind = "Upward", withinMinutes = 5 },
            new { kind = "First", withinMinutes = 0 },
        })).Problem(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("rules[0].kind", out _));
        Assert.True(errors.TryGetProperty("rules[1].level", out _));
        Assert.True(errors.TryGetProperty("rules[2].withinMinutes", out _));

        // The city is not the root: it may shorten the province's rules, not lengthen them.
        var looser = await (await leader.PutAsJsonAsync($"/api/deadline-policies/{own}", new[] { new { kind = "First", withinMinutes = 30 } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("15", looser.GetProperty("errors").GetProperty("rules[0].withinMinutes")[0].GetString(), StringComparison.Ordinal);

        var rules = await (await leader.PutAsJsonAsync($"/api/deadline-policies/{own}", new object[]
        {
            new { kind = "First", withinMinutes = 10 },
            new { kind = "Upward", level = 4, withinMinutes = 6 * 60 },
        })).Ok();
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("kind").GetString() == "First" && r.GetProperty("withinMinutes").GetInt32() == 10
            && r.GetProperty("source").GetString() == own.ToString() && r.GetProperty("sourceName").GetString() == "临海市");
        // The town below is bound by the city's rule: learned 12 minutes ago is late there (on time by the default 15).
        var created = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt = Now.AddMinutes(-13),
            learnedAt = Now.AddMinutes(-12),
            place = "城关镇",
            peopleAffected = 1,
            unitsInvolved = "城关镇",
            measuresTaken = "处置中",
            measuresPlanned = "跟踪",
            contactName = "李",
            contactPhone = "1",
        })).Ok(HttpStatusCode.Created);
        Assert.Equal("late", created.GetProperty("timeliness").GetString());
        var inForce = await (await reporter.GetAsync("/api/deadline-policies")).Ok();
        Assert.Contains(inForce.EnumerateArray(), r => r.GetProperty("kind").GetString() == "Upward" && r.GetProperty("level").GetString() == "IV"
            && r.GetProperty("withinMinutes").GetInt32() == 360);
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "deadline-override.created")));

        // Back to the defaults for the rest of this host's tests.
        await (await leader.PutAsJsonAsync($"/api/deadline-policies/{own}", Array.Empty<object>())).Ok();
    }
}

public sealed class ReportWorkflowTests_Sqlite(ClockedSqliteFactory app) : ReportWorkflowTests(app), IClassFixture<ClockedSqliteFactory>;

public sealed class ReportWorkflowTests_Postgres(ClockedPostgresFactory app) : ReportWorkflowTests(app), IClassFixture<ClockedPostgresFactory>;
