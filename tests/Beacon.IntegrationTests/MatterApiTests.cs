using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;

namespace Beacon.IntegrationTests;

/// <summary>Assignment and supervision through the API, on a host whose clock the tests move.</summary>
public abstract class MatterApiTests(ClockedFactory app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<JsonElement> Assign(HttpClient office, string title, TimeSpan within) =>
        await (await office.PostAsJsonAsync("/api/matters", new
        {
            title,
            notice = "对辖区内危房开展排查并落实整改措施。",
            handlingUnitId = await app.UnitId("DJ-LH-AN-HC"),
            responsibleLeaderId = await app.UserId("leader"),
            handlerId = await app.UserId("handler"),
            deadline = Now.Add(within),
        })).Ok(HttpStatusCode.Created);

    [Fact]
    public async Task A_matter_past_its_deadline_is_carded_then_listed_for_accountability_the_leader_explains_and_the_office_closes_it_after_a_return()
    {
        using var supervisor = await app.ClientFor("supervisor");
        var m = await Assign(supervisor, "危房排查整改" + Guid.NewGuid().ToString("N")[..4], TimeSpan.FromDays(2));
        var id = m.GetProperty("id").GetGuid();
        Assert.StartsWith($"JB-{Now.Year}-", m.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal("duesoon", m.GetProperty("due").GetString());
        var handlerId = await app.UserId("handler");
        Assert.Contains("matter.assigned", await app.TopicsFor(handlerId, id.ToString()));

        // The handling unit plans and reports progress; it asks for two more days, the office grants them.
        using (var handler = await app.ClientFor("handler"))
        {
            await (await handler.PutAsJsonAsync($"/api/matters/{id}/plan", new { text = "分三批排查，月底前完成加固。" })).Ok();
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/progress", new { text = "第一批12栋已排查" })).Ok();
            var earlier = await (await handler.PostAsJsonAsync($"/api/matters/{id}/extensions", new { deadline = Now.AddDays(1), reason = "雨天" }))
                .Problem(HttpStatusCode.BadRequest);
            Assert.True(earlier.GetProperty("errors").TryGetProperty("newDeadline", out _) || earlier.GetProperty("errors").TryGetProperty("deadline", out _));
            var asked = await (await handler.PostAsJsonAsync($"/api/matters/{id}/extensions", new { deadline = Now.AddDays(4), reason = "连续降雨，无法施工" })).Ok();
            var extension = asked.GetProperty("extensions")[0].GetProperty("id").GetGuid();
            // The handling unit cannot decide its own request.
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/extensions/{extension}/decision", new { grant = true })).Problem(HttpStatusCode.Forbidden);
            var granted = await (await supervisor.PostAsJsonAsync($"/api/matters/{id}/extensions/{extension}/decision", new { grant = true })).Ok();
            Assert.Equal(Now.AddDays(4), granted.GetProperty("deadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        }

        // Past the new deadline: a card with five more days; past that: the leader must explain, and it is on the accountability list.
        app.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await app.Sweep();
        using var office = await app.ClientFor("supervisor");
        var carded = await (await office.GetAsync($"/api/matters/{id}")).Ok();
        Assert.Equal("card", carded.GetProperty("stage").GetString());
        Assert.Equal(Now.AddDays(5), carded.GetProperty("effectiveDeadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Contains("matter.carded", await app.TopicsFor(await app.UserId("leader"), id.ToString()));
        await app.Sweep();
        Assert.Single((await (await office.GetAsync($"/api/matters/{id}")).Ok()).GetProperty("cards").EnumerateArray());
        var cards = await (await office.GetAsync("/api/matters?view=cards")).Ok();
        Assert.Contains(cards.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);

        app.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        await app.Sweep();
        using var supervisorAgain = await app.ClientFor("supervisor");
        var listed = await (await supervisorAgain.GetAsync("/api/matters?view=accountability")).Ok();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        Assert.True(listed.GetProperty("counters").GetProperty("inAccountability").GetInt32() >= 1);
        using (var handler = await app.ClientFor("handler"))
        {
            // Only the responsible leader explains.
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/explanation", new { text = "我来说明" })).Problem(HttpStatusCode.Forbidden);
        }
        using (var leader = await app.ClientFor("leader"))
        {
            await (await leader.PostAsJsonAsync($"/api/matters/{id}/explanation", new { text = "因连续降雨延误，已督促加派施工力量。" })).Ok();
        }

        // Closure: the report is sent back once, then accepted.
        using (var handler = await app.ClientFor("handler"))
        {
            var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
            using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "加固完成.png" } };
            var evidence = (await (await handler.PostAsync($"/api/matters/{id}/files", form)).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/closure", new { report = "" })).Problem(HttpStatusCode.BadRequest);
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/closure", new { report = "36栋危房全部完成加固。", evidenceFileIds = new[] { evidence } })).Ok();
        }
        await (await supervisorAgain.PostAsJsonAsync($"/api/matters/{id}/closure/return", new { text = "缺少第三批验收记录" })).Ok();
        using (var handler = await app.ClientFor("handler"))
        {
            await (await handler.PostAsJsonAsync($"/api/matters/{id}/closure", new { report = "36栋危房全部完成加固，附三批验收记录。" })).Ok();
        }
        var closed = await (await supervisorAgain.PostAsync($"/api/matters/{id}/closure/acceptance", null)).Ok();
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.True(closed.GetProperty("inAccountability").GetBoolean());
        await (await supervisorAgain.PostAsync($"/api/matters/{id}/closure/acceptance", null)).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_matter_for_a_unit_outside_the_subtree_or_without_a_deadline_is_refused_and_outsiders_see_nothing()
    {
        using var supervisor = await app.ClientFor("supervisor");
        var bad = await (await supervisor.PostAsJsonAsync("/api/matters", new
        {
            title = "越权交办",
            notice = "x",
            handlingUnitId = await app.UnitId("DJ-SY"),
            responsibleLeaderId = await app.UserId("leader"),
            deadline = Now.AddDays(3),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("handlingUnitId", out _));
        var past = await (await supervisor.PostAsJsonAsync("/api/matters", new
        {
            title = "过期",
            notice = "x",
            handlingUnitId = await app.UnitId("DJ-LH-AN"),
            responsibleLeaderId = await app.UserId("leader"),
            deadline = Now.AddDays(-1),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("deadline", out _));

        var m = await Assign(supervisor, "防汛物资检查" + Guid.NewGuid().ToString("N")[..4], TimeSpan.FromDays(10));
        var id = m.GetProperty("id").GetGuid();
        var outsiderName = Http.NewCode("sy-handler");
        await Accounts.Create(app, outsiderName, "DJ-SY", "handler");
        using var outsider = await app.ClientFor(outsiderName, Accounts.Password);
        await (await outsider.GetAsync($"/api/matters/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await outsider.GetAsync("/api/matters")).Ok()).GetProperty("items").EnumerateArray(),
            x => x.GetProperty("id").GetGuid() == id);
        using var reporter = await app.ClientFor("reporter");
        await (await reporter.PostAsJsonAsync("/api/matters", new { title = "x" })).Problem(HttpStatusCode.Forbidden);
    }
}

public sealed class MatterApiTests_Sqlite(ClockedSqliteFactory app) : MatterApiTests(app), IClassFixture<ClockedSqliteFactory>;

public sealed class MatterApiTests_Postgres(ClockedPostgresFactory app) : MatterApiTests(app), IClassFixture<ClockedPostgresFactory>;
