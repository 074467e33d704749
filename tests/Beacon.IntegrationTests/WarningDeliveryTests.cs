using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>Delivery records, acknowledgement and the escalation of silence, on a host whose clock the tests move.</summary>
public abstract partial class WarningDeliveryTests(ClockedFactory app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task An_unacknowledged_orange_warning_goes_to_the_next_channel_then_the_B_post_then_the_head_and_a_link_acknowledges_once()
    {
        // 青石县: a duty officer reachable by e-mail, a B post and a head on the shift now.
        var aName = Http.NewCode("qs-a");
        var a = await Accounts.Create(app, aName, "DJ-LH-QS", "duty-officer");
        var b = await Accounts.Create(app, Http.NewCode("qs-b"), "DJ-LH-QS", "duty-officer");
        var head = await Accounts.Create(app, Http.NewCode("qs-head"), "DJ-LH-QS", "leader");
        await app.AsSystem(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == a);
            user.Email = "qs-a@example.org";
            return await db.SaveChangesAsync();
        });
        var planner = Http.NewCode("qs-plan");
        await Accounts.Create(app, planner, "DJ-LH-QS", "leader");
        using (var plan = await app.ClientFor(planner, Accounts.Password))
        {
            await (await plan.PostAsJsonAsync("/api/duty-roster", new
            {
                unitId = await app.UnitId("DJ-LH-QS"),
                startsAt = Now.AddHours(-1),
                endsAt = Now.AddHours(11),
                aPostUserId = a,
                bPostUserId = b,
                headUserId = head,
            })).Ok(HttpStatusCode.Created);
        }

        var analystName = Http.NewCode("lh-analyst");
        await Accounts.Create(app, analystName, "DJ-LH", "analyst");
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var draft = await (await analyst.PostAsJsonAsync("/api/warnings", new
        {
            eventTypeCode = "natural.flood",
            content = new
            {
                colour = "orange",
                headline = "洪水橙色预警",
                description = "东江流域将出现超警戒洪水。",
                publicInstruction = "远离河道。",
                areaDescription = "临海市",
                expires = Now.AddHours(12),
                urgency = "Expected",
                certainty = "Likely",
            },
        })).Ok(HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        using (var leader = await app.ClientFor("leader"))
        {
            await (await leader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();
        }
        // What a post is told about A's silence (each silent colleague of the unit is escalated on their own).
        async Task<int> AboutA(Guid post) => (await app.AsSystem(db => db.Notifications
            .Where(n => n.RecipientUserId == post && n.Topic == "warning.escalated").Select(n => n.Body).ToListAsync())).Count(body => body.Contains(aName, StringComparison.Ordinal));

        // A hears it in-app and by e-mail; nine minutes of silence change nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        await app.Sweep();
        Assert.Equal(0, await AboutA(b));
        // At ten minutes: A has no phone, so no further channel: the B post is alerted; ten more: the head.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Sweep();
        Assert.Equal(1, await AboutA(b));
        Assert.Equal(0, await AboutA(head));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Sweep();
        Assert.Equal(1, await AboutA(head));
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await app.Sweep();
        Assert.Equal(1, await AboutA(b) + await AboutA(head) - 1);

        // The link in A's e-mail acknowledges A's delivery, once.
        var mail = await app.AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == a && n.Address == "qs-a@example.org" && n.Topic == "warning.issued")
            .Select(n => n.Body).SingleAsync());
        var link = new Uri(AckLink().Match(mail).Value);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        using var anonymous = app.CreateClient();
        // Opening the link (as a mail scanner would) changes nothing; the button posts the token, once.
        Assert.Contains("method=\"post\"", await anonymous.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Null(await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.WarningDelivery>().Where(d => d.UserId == a).Select(d => d.AcknowledgedAt).SingleAsync()));
        FormUrlEncodedContent Form(string t) => new([new KeyValuePair<string, string>("token", t)]);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/api/warnings/ack", Form(token))).StatusCode);
        await (await anonymous.PostAsync("/api/warnings/ack", Form(token))).Problem(HttpStatusCode.Conflict);
        await (await anonymous.PostAsync("/api/warnings/ack", Form("forged"))).Problem(HttpStatusCode.UnprocessableEntity);

        using var aClient = await app.ClientFor(aName, Accounts.Password);
        var board = await (await aClient.GetAsync($"/api/warnings/{id}/deliveries")).Ok();
        var row = board.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("userId").GetGuid() == a);
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal("InApp,Email", row.GetProperty("channels").GetString());
        // Another recipient acknowledges in the app; the board counts both for the county.
        using (var bClient = await app.ClientFor(await app.AsSystem(db => db.Users.Where(u => u.Id == b).Select(u => u.UserName!).SingleAsync()), Accounts.Password))
        {
            Assert.Equal(1, (await (await bClient.PostAsync($"/api/warnings/{id}/acknowledgement", null)).Ok()).GetInt32());
            Assert.Equal(0, (await (await bClient.PostAsync($"/api/warnings/{id}/acknowledgement", null)).Ok()).GetInt32());
        }
        board = await (await aClient.GetAsync($"/api/warnings/{id}/deliveries")).Ok();
        var county = board.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitName").GetString() == "青石县");
        Assert.True(county.GetProperty("acknowledged").GetInt32() >= 2);
    }

    [Fact]
    public async Task Silence_in_a_town_without_a_shift_reaches_the_county_B_post_in_one_message_naming_everyone_and_the_board_pages()
    {
        // 城关镇 plans no shift; 安宁县 above it does.
        var town = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            var name = Http.NewCode("cg-duty");
            await Accounts.Create(app, name, "DJ-LH-AN-CG", "duty-officer");
            return name;
        }));
        var a = await Accounts.Create(app, Http.NewCode("an-a"), "DJ-LH-AN", "duty-officer");
        var b = await Accounts.Create(app, Http.NewCode("an-b"), "DJ-LH-AN", "duty-officer");
        var planner = Http.NewCode("an-plan");
        await Accounts.Create(app, planner, "DJ-LH-AN", "leader");
        using (var plan = await app.ClientFor(planner, Accounts.Password))
        {
            await (await plan.PostAsJsonAsync("/api/duty-roster", new
            {
                unitId = await app.UnitId("DJ-LH-AN"),
                startsAt = Now.AddHours(-1),
                endsAt = Now.AddHours(11),
                aPostUserId = a,
                bPostUserId = b,
            })).Ok(HttpStatusCode.Created);
        }
        var analystName = Http.NewCode("lh-analyst");
        await Accounts.Create(app, analystName, "DJ-LH", "analyst");
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var id = (await (await analyst.PostAsJsonAsync("/api/warnings", new
        {
            eventTypeCode = "natural.flood",
            content = new
            {
                colour = "orange",
                headline = "城关镇内涝橙色预警",
                description = "城关镇低洼地带将出现严重内涝。",
                publicInstruction = "转移低洼地带人员。",
                areaDescription = "安宁县城关镇",
                expires = Now.AddHours(12),
                urgency = "Expected",
                certainty = "Likely",
            },
        })).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var leader = await app.ClientFor("leader");
        await (await leader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Sweep();
        var toB = await app.AsSystem(db => db.Notifications
            .Where(n => n.RecipientUserId == b && n.Topic == "warning.escalated" && n.SubjectId == id.ToString()).Select(n => n.Body).ToListAsync());
        var message = Assert.Single(toB);
        Assert.All(town, name => Assert.Contains(name, message, StringComparison.Ordinal));

        // The board: counts per unit over everyone, people a page at a time, filtered by unit and status.
        var townId = await app.UnitId("DJ-LH-AN-CG");
        var page = await (await leader.GetAsync($"/api/warnings/{id}/deliveries?unitId={townId}&status=unacknowledged&take=2")).Ok();
        Assert.Equal(2, page.GetProperty("people").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.All(page.GetProperty("people").EnumerateArray(), p => Assert.Equal(townId, p.GetProperty("unitId").GetGuid()));
        var rest = await (await leader.GetAsync($"/api/warnings/{id}/deliveries?unitId={townId}&status=unacknowledged&skip=2&take=1000")).Ok();
        Assert.Equal(page.GetProperty("total").GetInt32() - 2, rest.GetProperty("people").GetArrayLength());
        var all = await (await leader.GetAsync($"/api/warnings/{id}/deliveries")).Ok();
        Assert.Equal(all.GetProperty("total").GetInt32(), all.GetProperty("units").EnumerateArray().Sum(u => u.GetProperty("recipients").GetInt32()));
        await (await leader.GetAsync($"/api/warnings/{id}/deliveries?status=lost")).Problem(HttpStatusCode.UnprocessableEntity);
        await (await leader.GetAsync($"/api/warnings/{id}/deliveries?take=5000")).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [GeneratedRegex(@"http://\S+/api/warnings/ack\?token=\S+")]
    private static partial Regex AckLink();
}

public sealed class WarningDeliveryTests_Sqlite(ClockedSqliteFactory app) : WarningDeliveryTests(app), IClassFixture<ClockedSqliteFactory>;

public sealed class WarningDeliveryTests_Postgres(ClockedPostgresFactory app) : WarningDeliveryTests(app), IClassFixture<ClockedPostgresFactory>;
