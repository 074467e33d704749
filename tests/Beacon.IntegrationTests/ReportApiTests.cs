using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Notifications.Domain;
using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

public abstract class ReportApiTests(BeaconFactory app)
{
    private static object Body(DateTimeOffset learned, string type = "accident.fire", Guid? unitId = null) => new
    {
        unitId,
        eventTypeCode = type,
        occurredAt = learned.AddMinutes(-5),
        learnedAt = learned,
        place = "安宁县城关镇东街12号",
        latitude = 29.1,
        longitude = 119.6,
        peopleAffected = 40,
        deaths = 0,
        injuries = 2,
        missing = 0,
        cause = "电气线路老化",
        unitsInvolved = "城关镇、县消防救援大队",
        measuresTaken = "疏散居民40人，消防到场处置",
        measuresPlanned = "排查周边建筑",
        contactName = "李信息",
        contactPhone = "13800000000",
    };

    [Fact]
    public async Task A_reporter_files_a_first_report_and_the_duty_desk_above_is_told()
    {
        using var reporter = await app.ClientFor("reporter"); // 城关镇, under 安宁县 whose duty officer is "duty"
        var created = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow.AddMinutes(-3)))).Ok(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("on-time", created.GetProperty("timeliness").GetString());
        Assert.Equal(await app.UnitId("DJ-LH-AN-CG"), created.GetProperty("unitId").GetGuid());

        var duty = await app.AsSystem(db => db.Users.Where(u => u.UserName == "duty").Select(u => u.Id).SingleAsync());
        var message = await app.AsSystem(db => db.Notifications.SingleAsync(n => n.SubjectId == id.ToString() && n.RecipientUserId == duty));
        Assert.Equal(NotificationChannel.InApp, message.Channel);
        Assert.Contains("城关镇", message.Body, StringComparison.Ordinal);
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "report.created" && a.EntityId == id.ToString())));

        // The county's duty officer reads it; a sibling county's user does not know it exists.
        using var county = await app.ClientFor("duty");
        await (await county.GetAsync($"/api/reports/{id}")).Ok();
        var sibling = Http.NewCode("qs-duty");
        await Accounts.Create(app, sibling, "DJ-LH-QS", "duty-officer");
        using var other = await app.ClientFor(sibling, Accounts.Password);
        await (await other.GetAsync($"/api/reports/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await other.GetAsync("/api/reports")).Ok()).EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_report_filed_more_than_fifteen_minutes_after_learning_is_marked_late()
    {
        using var reporter = await app.ClientFor("reporter");
        var created = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow.AddMinutes(-20)))).Ok(HttpStatusCode.Created);
        Assert.Equal("late", created.GetProperty("timeliness").GetString());
        var late = await (await reporter.GetAsync("/api/reports?timeliness=late")).Ok();
        Assert.Contains(late.EnumerateArray(), r => r.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_report_missing_elements_names_each_and_saves_nothing()
    {
        using var reporter = await app.ClientFor("reporter");
        var before = await app.AsSystem(db => db.Set<Report>().CountAsync());
        var p = await (await reporter.PostAsJsonAsync("/api/reports", new { eventTypeCode = "accident.fire", place = "城关镇" })).Problem(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        foreach (var field in new[] { "occurredAt", "learnedAt", "peopleAffected", "unitsInvolved", "measuresTaken", "measuresPlanned", "contactName", "contactPhone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var unknown = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow, "alien.invasion"))).Problem(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("eventTypeCode", out _));
        Assert.Equal(before, await app.AsSystem(db => db.Set<Report>().CountAsync()));
    }

    [Fact]
    public async Task A_report_for_a_unit_outside_the_reporters_scope_is_404()
    {
        using var reporter = await app.ClientFor("reporter");
        var sibling = await app.UnitId("DJ-LH-AN-HS");
        await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow, unitId: sibling))).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_analyst_assesses_a_report_once_and_the_upward_clock_starts()
    {
        using var reporter = await app.ClientFor("reporter");
        var created = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow.AddMinutes(-2)))).Ok(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        await (await reporter.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "x" })).Problem(HttpStatusCode.Forbidden);
        using var analyst = await app.ClientFor("analyst"); // 临海市应急管理局: 城关镇 is not in its subtree
        await (await analyst.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "x" })).Problem(HttpStatusCode.NotFound);

        var name = Http.NewCode("an-analyst");
        await Accounts.Create(app, name, "DJ-LH-AN", "analyst");
        using var county = await app.ClientFor(name, Accounts.Password);
        await (await county.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 7, summary = "" })).Problem(HttpStatusCode.BadRequest);
        var assessed = await (await county.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "火势已控制，影响较大" })).Ok();
        Assert.Equal("II", assessed.GetProperty("level").GetString());
        Assert.Equal("on-time", assessed.GetProperty("assessmentTimeliness").GetString());
        var upward = assessed.GetProperty("upwardDueAt").GetDateTimeOffset() - assessed.GetProperty("assessedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(2), upward);
        await (await county.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 1, summary = "改判" })).Problem(HttpStatusCode.Conflict);
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "report.updated" && a.EntityId == id.ToString() && a.Summary.Contains("\"Level\""))));
    }

    [Fact]
    public async Task A_reviewer_flags_a_report_and_the_units_record_counts_it()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var reporter = await app.ClientFor("reporter");
        var late = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow.AddMinutes(-40)))).Ok(HttpStatusCode.Created);
        var id = late.GetProperty("id").GetGuid();

        await (await reporter.PostAsJsonAsync($"/api/reports/{id}/flags", new { kind = "wrong", reason = "x" })).Problem(HttpStatusCode.Forbidden);
        using var leader = await app.ClientFor("leader"); // 临海市: 城关镇 is in its subtree
        var bad = await (await leader.PostAsJsonAsync($"/api/reports/{id}/flags", new { kind = "late", reason = "" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        await (await leader.PostAsJsonAsync($"/api/reports/{id}/flags", new { kind = "suppressed", reason = "获知40分钟后才报送，期间未向值班室电话报告" })).Ok(HttpStatusCode.Created);
        var flags = await (await leader.GetAsync($"/api/reports/{id}/flags")).Ok();
        Assert.Equal("suppressed", Assert.Single(flags.EnumerateArray()).GetProperty("kind").GetString());

        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var record = await (await leader.GetAsync($"/api/reports/record?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).Ok();
        var town = Assert.Single(record.EnumerateArray(), u => u.GetProperty("unitCode").GetString() == "DJ-LH-AN-CG");
        Assert.True(town.GetProperty("late").GetInt32() >= 1);
        Assert.True(town.GetProperty("suppressed").GetInt32() >= 1);

        // A sibling county sees neither the report nor its flags in its record.
        var sibling = Http.NewCode("qs-sup");
        await Accounts.Create(app, sibling, "DJ-LH-QS", "supervisor");
        using var other = await app.ClientFor(sibling, Accounts.Password);
        await (await other.PostAsJsonAsync($"/api/reports/{id}/flags", new { kind = "wrong", reason = "x" })).Problem(HttpStatusCode.NotFound);
        var otherRecord = await (await other.GetAsync($"/api/reports/record?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).Ok();
        Assert.DoesNotContain(otherRecord.EnumerateArray(), u => u.GetProperty("unitCode").GetString() == "DJ-LH-AN-CG");
    }

    [Fact]
    public async Task Report_times_with_a_local_offset_are_stored_in_utc()
    {
        using var reporter = await app.ClientFor("reporter");
        var learned = DateTimeOffset.UtcNow.AddMinutes(-3).ToOffset(TimeSpan.FromHours(8));
        var created = await (await reporter.PostAsJsonAsync("/api/reports", Body(learned))).Ok(HttpStatusCode.Created);
        Assert.Equal(learned.UtcDateTime, created.GetProperty("learnedAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("on-time", created.GetProperty("timeliness").GetString());
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(8)).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToOffset(TimeSpan.FromHours(8)).ToString("O"));
        var record = await (await reporter.GetAsync($"/api/reports/record?from={from}&to={to}")).Ok();
        Assert.Contains(record.EnumerateArray(), u => u.GetProperty("unitCode").GetString() == "DJ-LH-AN-CG");
    }

    [Fact]
    public async Task When_a_township_moves_to_another_county_its_reports_go_with_it()
    {
        using var sys = await app.ClientFor("sysadmin");
        var town = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("mvtown"), nameZh = "搬迁镇", kind = "township", parentId = await app.UnitId("DJ-LH-AN") })).Ok(HttpStatusCode.Created);
        var name = Http.NewCode("mvrep");
        await Accounts.Create(app, name, town.GetProperty("code").GetString()!, "reporter");
        using var reporter = await app.ClientFor(name, Accounts.Password);
        var report = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow.AddMinutes(-1)))).Ok(HttpStatusCode.Created);
        var id = report.GetProperty("id").GetGuid();
        using var anning = await app.ClientFor("duty");
        await (await anning.GetAsync($"/api/reports/{id}")).Ok();

        await (await sys.PutAsJsonAsync($"/api/units/{town.GetProperty("id").GetGuid()}", new { code = town.GetProperty("code").GetString(), nameZh = "搬迁镇", parentId = await app.UnitId("DJ-LH-QS") })).Ok();

        await (await anning.GetAsync($"/api/reports/{id}")).Problem(HttpStatusCode.NotFound);
        var qs = Http.NewCode("qs-duty2");
        await Accounts.Create(app, qs, "DJ-LH-QS", "duty-officer");
        using var qingshi = await app.ClientFor(qs, Accounts.Password);
        await (await qingshi.GetAsync($"/api/reports/{id}")).Ok();
        // The reporter's own inbox and reports stay theirs.
        await (await reporter.GetAsync($"/api/reports/{id}")).Ok();
    }

    [Fact]
    public async Task Administrators_do_not_file_reports()
    {
        using var sys = await app.ClientFor("sysadmin");
        await (await sys.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow))).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_system_administrator_adds_and_retires_an_event_type_and_reports_follow_it()
    {
        using var sys = await app.ClientFor("sysadmin");
        var code = "natural.sand-" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await sys.PostAsJsonAsync("/api/event-types", new { code, parentCode = "natural", nameZh = "沙尘暴", nameEn = "Sandstorm" }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal("natural", created.GetProperty("parentCode").GetString());
        var again = await (await sys.PostAsJsonAsync("/api/event-types", new { code, parentCode = "natural", nameZh = "沙尘暴", nameEn = "Sandstorm" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("code", out _));
        var wrong = await (await sys.PostAsJsonAsync("/api/event-types", new { code = "accident.Sand Storm", parentCode = "natural", nameZh = "", nameEn = "x" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("code", out _));
        Assert.True(wrong.GetProperty("errors").TryGetProperty("nameZh", out _));

        using var reporter = await app.ClientFor("reporter");
        await (await reporter.PostAsJsonAsync("/api/event-types", new { code = "natural.x", parentCode = "natural", nameZh = "x", nameEn = "x" }))
            .Problem(HttpStatusCode.Forbidden);
        await (await reporter.GetAsync("/api/event-types?all=true")).Problem(HttpStatusCode.Forbidden);
        await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow, code))).Ok(HttpStatusCode.Created);

        // Retired: no new reports of it, while the old ones keep it; its code stays taken.
        await (await sys.PutAsJsonAsync($"/api/event-types/{code}", new { nameZh = "沙尘暴", nameEn = "Sandstorm", isActive = false })).Ok();
        var refused = await (await reporter.PostAsJsonAsync("/api/reports", Body(DateTimeOffset.UtcNow, code))).Problem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("eventTypeCode", out _));
        Assert.DoesNotContain((await (await reporter.GetAsync("/api/event-types")).Ok()).EnumerateArray(), t => t.GetProperty("code").GetString() == code);
        Assert.Contains((await (await sys.GetAsync("/api/event-types?all=true")).Ok()).EnumerateArray(), t => t.GetProperty("code").GetString() == code);
        await (await sys.PutAsJsonAsync("/api/event-types/natural.none", new { nameZh = "无", nameEn = "None" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_taxonomy_lists_categories_and_types_with_stable_codes()
    {
        using var reporter = await app.ClientFor("reporter");
        var types = (await (await reporter.GetAsync("/api/event-types")).Ok()).EnumerateArray().ToList();
        Assert.Equal(6, types.Count(t => t.GetProperty("parentCode").ValueKind == System.Text.Json.JsonValueKind.Null));
        Assert.Contains(types, t => t.GetProperty("code").GetString() == "natural.flood" && t.GetProperty("nameZh").GetString() == "洪涝灾害");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportApiTests_Sqlite(SqliteFactory app) : ReportApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReportApiTests_Postgres(PostgresFactory app) : ReportApiTests(app);
