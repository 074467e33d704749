using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Warnings.Cap;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

public abstract class WarningApiTests(BeaconFactory app)
{
    private static object Content(string colour, string headline, object? audience = null) => new
    {
        colour,
        headline,
        description = "预计未来24小时东江流域降雨量100～200毫米，部分河段将超警戒水位。",
        publicInstruction = "远离河道，低洼地区群众做好转移准备。",
        unitInstruction = "各单位落实24小时值班。",
        areaDescription = "临海市",
        polygon = "23.1,113.2 23.3,113.2 23.3,113.5 23.1,113.2",
        onset = DateTimeOffset.UtcNow.AddHours(1),
        expires = DateTimeOffset.UtcNow.AddHours(24),
        urgency = "Expected",
        certainty = "Likely",
        headlineEn = "Flood warning",
        descriptionEn = "Heavy rain expected.",
        instructionEn = "Stay away from rivers.",
        audience,
    };

    private static async Task<JsonElement> Draft(HttpClient analyst, string colour, string headline, object? audience = null, bool isPublic = true) =>
        await (await analyst.PostAsJsonAsync("/api/warnings", new { eventTypeCode = "natural.flood", isPublic, content = Content(colour, headline, audience) }))
            .Ok(HttpStatusCode.Created);

    /// <summary>An analyst of the city (the demo analyst sits in a department) drafts for 临海市.</summary>
    private async Task<HttpClient> CityAnalyst()
    {
        var name = Http.NewCode("lh-analyst");
        await Accounts.Create(app, name, "DJ-LH", "analyst");
        return await app.ClientFor(name, Accounts.Password);
    }

    [Fact]
    public async Task An_orange_warning_is_approved_by_the_principal_leader_issued_to_its_audience_upgraded_and_lifted_with_CAP_for_each()
    {
        using var analyst = await CityAnalyst();
        var headline = "东江流域洪水橙色预警 " + Guid.NewGuid().ToString("N")[..4];
        var draft = await Draft(analyst, "orange", headline);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("draft", draft.GetProperty("state").GetString());

        // A reporter may not draft; an analyst may not approve.
        using (var reporter = await app.ClientFor("reporter"))
        {
            await (await reporter.PostAsJsonAsync("/api/warnings", new { eventTypeCode = "natural.flood", content = Content("blue", "x") }))
                .Problem(HttpStatusCode.Forbidden);
        }
        await (await analyst.PostAsync($"/api/warnings/{id}/approval", null)).Problem(HttpStatusCode.Forbidden);

        // The county below does not see the city's draft; once issued, it reads it (it is one of its recipients).
        using var county = await app.ClientFor("duty");
        await (await county.GetAsync($"/api/warnings/{id}")).Problem(HttpStatusCode.NotFound);
        using var leader = await app.ClientFor("leader"); // 临海市, principal leader in the demo
        var issued = await (await leader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();
        Assert.Equal(headline, (await (await county.GetAsync($"/api/warnings/{id}")).Ok()).GetProperty("headline").GetString());
        // Acknowledging the message in the inbox acknowledges the warning.
        var duty = await app.AsSystem(db => db.Users.Where(u => u.UserName == "duty").Select(u => u.Id).SingleAsync());
        var deliveryId = (await (await leader.GetAsync($"/api/warnings/{id}/deliveries")).Ok()).GetProperty("people").EnumerateArray()
            .Single(p => p.GetProperty("userId").GetGuid() == duty).GetProperty("deliveryId").GetGuid().ToString();
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Beacon.Platform.Notifications.NotificationDispatcher>(app.Services).DispatchDueAsync(CancellationToken.None);
        var messageId = await app.AsSystem(db => db.Notifications.Where(n => n.SubjectId == deliveryId).Select(n => n.Id).SingleAsync());
        await (await county.PostAsync($"/api/notifications/{messageId}/ack", null)).Ok();
        var acknowledged = (await (await leader.GetAsync($"/api/warnings/{id}/deliveries")).Ok()).GetProperty("people").EnumerateArray()
            .Single(p => p.GetProperty("userId").GetGuid() == duty);
        Assert.NotEqual(JsonValueKind.Null, acknowledged.GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(0, (await (await county.PostAsync($"/api/warnings/{id}/acknowledgement", null)).Ok()).GetInt32());
        Assert.Equal("issued", issued.GetProperty("state").GetString());
        // Delivered to the audience of orange in the city's subtree: the county's duty officer, in-app.
        Assert.True(await app.AsSystem(db => db.Notifications.AnyAsync(n => n.RecipientUserId == duty && n.Topic == "warning.issued" && n.SubjectType == "warning-delivery")));
        var board = await (await leader.GetAsync($"/api/warnings/{id}/deliveries")).Ok();
        Assert.Contains(board.GetProperty("people").EnumerateArray(), p => p.GetProperty("userId").GetGuid() == duty && p.GetProperty("channels").GetString() == "InApp");

        await (await leader.PostAsJsonAsync($"/api/warnings/{id}/level", new { content = Content("red", headline + "（升级）"), reason = "水位持续上涨" })).Ok();
        await (await leader.PostAsJsonAsync($"/api/warnings/{id}/lift", new { reason = "雨情减弱" })).Ok();
        await (await leader.PostAsJsonAsync($"/api/warnings/{id}/lift", new { reason = "again" })).Problem(HttpStatusCode.Conflict);

        var messages = new List<CapAlert>();
        for (var v = 1; v <= 3; v++)
        {
            var response = await analyst.GetAsync($"/api/warnings/{id}/cap?version={v}");
            response.EnsureSuccessStatusCode();
            Assert.Equal(CapXml.MediaType, response.Content.Headers.ContentType!.MediaType);
            var xml = await response.Content.ReadAsStringAsync();
            Assert.Empty(CapXml.Validate(xml));
            messages.Add(CapXml.Read(xml));
        }
        Assert.Equal(["Alert", "Update", "Cancel"], messages.Select(m => m.MsgType));
        Assert.Equal(["Severe", "Extreme", "Extreme"], messages.Select(m => m.Infos[0].Severity));
        Assert.Contains(messages[0].Identifier, messages[2].References!, StringComparison.Ordinal);
        Assert.Equal(["zh-CN", "en-US"], messages[0].Infos.Select(i => i.Language));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "warning.updated" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_leader_without_the_authority_of_the_level_or_outside_its_scope_changes_nothing()
    {
        using var analyst = await CityAnalyst();
        var red = await Draft(analyst, "red", "红色预警 " + Guid.NewGuid().ToString("N")[..4]);
        var id = red.GetProperty("id").GetGuid();

        // A leader in charge of the city may approve orange, not red.
        var inChargeName = Http.NewCode("lh-incharge");
        var inCharge = await Accounts.Create(app, inChargeName, "DJ-LH", "leader");
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{inCharge}/authority", new { authority = "LeaderInCharge" })).Ok();
            var bad = await (await sec.PutAsJsonAsync($"/api/users/{inCharge}/authority", new { authority = "Emperor" })).Problem(HttpStatusCode.BadRequest);
            Assert.True(bad.GetProperty("errors").TryGetProperty("authority", out _));
        }
        using var leaderInCharge = await app.ClientFor(inChargeName, Accounts.Password);
        await (await leaderInCharge.PostAsync($"/api/warnings/{id}/approval", null)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("draft", (await (await analyst.GetAsync($"/api/warnings/{id}")).Ok()).GetProperty("state").GetString());
        // The holder was told; the authority goes with the leader role.
        Assert.True(await app.AsSystem(db => db.Notifications.AnyAsync(n => n.RecipientUserId == inCharge && n.Topic == "user.authority-changed")));
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{inCharge}/roles", new { roles = new[] { "analyst" } })).Ok();
        }
        Assert.Equal(Beacon.Platform.Identity.Domain.Authority.None,
            await app.AsSystem(db => db.Users.Where(u => u.Id == inCharge).Select(u => u.Authority).SingleAsync()));

        // A leader of another city does not see the warning at all.
        var otherName = Http.NewCode("sy-leader");
        var other = await Accounts.Create(app, otherName, "DJ-SY", "leader");
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{other}/authority", new { authority = "PrincipalLeader" })).Ok();
        }
        using var otherLeader = await app.ClientFor(otherName, Accounts.Password);
        await (await otherLeader.PostAsync($"/api/warnings/{id}/approval", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_that_narrows_the_audience_or_lacks_elements_is_refused_and_nothing_is_saved()
    {
        using var analyst = await CityAnalyst();
        var before = await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.Warning>().CountAsync());
        var narrow = await (await analyst.PostAsJsonAsync("/api/warnings", new
        {
            eventTypeCode = "natural.flood",
            content = Content("orange", "窄", new { roles = new[] { "duty-officer" }, channels = new[] { "inapp" } }),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("channel:sms", narrow.GetProperty("errors").GetProperty("audience")[0].GetString(), StringComparison.Ordinal);
        var empty = await (await analyst.PostAsJsonAsync("/api/warnings", new { eventTypeCode = "alien" })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "colour", "headline", "expires", "eventTypeCode" })
        {
            Assert.True(empty.GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(before, await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.Warning>().CountAsync()));
    }


    /// <summary>The OASIS thunderstorm warning, moved to now so that it has not expired, under a fresh identifier.</summary>
    private static string FreshThunderstorm(string identifier)
    {
        var alert = CapXml.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oasis-a2-thunderstorm.xml")));
        var info = alert.Infos[0] with { Expires = DateTimeOffset.UtcNow.AddHours(3) };
        return CapXml.Write(alert with { Identifier = identifier, Sent = DateTimeOffset.UtcNow, Infos = [info] });
    }

    [Fact]
    public async Task An_uploaded_CAP_alert_becomes_one_draft_however_often_it_is_imported_and_a_doctype_is_refused()
    {
        using var sys = await app.ClientFor("sysadmin");
        var identifier = "KSTO-" + Guid.NewGuid().ToString("N")[..8];
        var xml = FreshThunderstorm(identifier);
        var first = await (await sys.PostAsync("/api/warnings/import", new StringContent(xml, System.Text.Encoding.UTF8, CapXml.MediaType)))
            .Ok(HttpStatusCode.Created);
        var warning = first.GetProperty("warning");
        Assert.Equal("orange", warning.GetProperty("colour").GetString()); // Severe
        Assert.Equal("natural.meteorological", warning.GetProperty("eventTypeCode").GetString()); // category Met
        Assert.Equal("draft", warning.GetProperty("state").GetString());

        using var form = new MultipartFormDataContent { { new StringContent(xml), "file", "alert.xml" } };
        var again = await (await sys.PostAsync("/api/warnings/import", form)).Ok();
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(warning.GetProperty("id").GetGuid(), again.GetProperty("warning").GetProperty("id").GetGuid());
        Assert.Equal(1, await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.Warning>().CountAsync(w => w.SourceIdentifier == "KSTO@NWS.NOAA.GOV," + identifier)));

        var doctype = "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..];
        var refused = await (await sys.PostAsync("/api/warnings/import", new StringContent(doctype, System.Text.Encoding.UTF8, CapXml.MediaType)))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("DOCTYPE", refused.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        using var reporter = await app.ClientFor("reporter");
        await (await reporter.PostAsync("/api/warnings/import", new StringContent(xml, System.Text.Encoding.UTF8, CapXml.MediaType))).Problem(HttpStatusCode.Forbidden);

        // An exercise is not imported as a draft that could be issued for real; an oversized upload is refused unread.
        var exercise = xml.Replace("<status>Actual</status>", "<status>Exercise</status>", StringComparison.Ordinal)
            .Replace(identifier, identifier + "-EX", StringComparison.Ordinal);
        var notActual = await (await sys.PostAsync("/api/warnings/import", new StringContent(exercise, System.Text.Encoding.UTF8, CapXml.MediaType)))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("Exercise", notActual.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var huge = xml.Replace("</alert>", "<note>" + new string('x', CapXml.DefaultMaxBytes) + "</note></alert>", StringComparison.Ordinal);
        using var big = new MultipartFormDataContent { { new StringContent(huge), "file", "big.xml" } };
        var tooBig = await (await sys.PostAsync("/api/warnings/import", big)).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("KB", tooBig.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.Warning>().CountAsync(w => w.SourceIdentifier!.Contains(identifier + "-EX"))));
    }


    [Fact]
    public async Task A_draft_from_a_graded_report_takes_its_colour_from_the_level_and_is_edited_until_it_is_decided()
    {
        using var reporter = await app.ClientFor("reporter");
        var filed = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "natural.flood",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            learnedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            place = "城关镇河堤" + Guid.NewGuid().ToString("N")[..4],
            peopleAffected = 800,
            unitsInvolved = "城关镇",
            measuresTaken = "转移群众",
            measuresPlanned = "加固堤防",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Ok(HttpStatusCode.Created);
        var reportId = filed.GetProperty("id").GetGuid();
        using var analyst = await CityAnalyst();
        await (await analyst.PostAsync($"/api/warnings/from-report/{reportId}", null)).Problem(HttpStatusCode.UnprocessableEntity); // not graded yet
        await (await analyst.PostAsJsonAsync($"/api/reports/{reportId}/assessment", new { level = 2, summary = "重大汛情" })).Ok();

        var draft = await (await analyst.PostAsync($"/api/warnings/from-report/{reportId}", null)).Ok(HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("orange", draft.GetProperty("colour").GetString());
        Assert.Contains(filed.GetProperty("place").GetString()!, draft.GetProperty("headline").GetString(), StringComparison.Ordinal);

        var edited = await (await analyst.PutAsJsonAsync($"/api/warnings/{id}", new
        {
            eventTypeCode = "natural.flood",
            content = Content("red", "东江特大洪水红色预警"),
        })).Ok();
        Assert.Equal("red", edited.GetProperty("colour").GetString());
        Assert.Single(edited.GetProperty("versions").EnumerateArray());
        using var leader = await app.ClientFor("leader");
        await (await leader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();
        await (await analyst.PutAsJsonAsync($"/api/warnings/{id}", new { eventTypeCode = "natural.flood", content = Content("blue", "改") }))
            .Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_warning_for_chosen_units_reaches_only_their_people()
    {
        using var analyst = await CityAnalyst();
        var qs = await app.UnitId("DJ-LH-QS");
        var qsDuty = await Accounts.Create(app, Http.NewCode("qs-duty"), "DJ-LH-QS", "duty-officer");
        var outside = await (await analyst.PostAsJsonAsync("/api/warnings", new
        {
            eventTypeCode = "natural.flood",
            content = new
            {
                colour = "blue",
                headline = "x",
                description = "x",
                publicInstruction = "x",
                areaDescription = "x",
                expires = DateTimeOffset.UtcNow.AddHours(3),
                urgency = "Expected",
                certainty = "Likely",
                areaUnitIds = new[] { await app.UnitId("DJ-SY") }
            },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("areaUnitIds", out _));

        var draft = await (await analyst.PostAsJsonAsync("/api/warnings", new
        {
            eventTypeCode = "natural.flood",
            content = new
            {
                colour = "blue",
                headline = "青石县山洪蓝色预警",
                description = "x",
                publicInstruction = "x",
                areaDescription = "青石县",
                expires = DateTimeOffset.UtcNow.AddHours(3),
                urgency = "Expected",
                certainty = "Likely",
                areaUnitIds = new[] { qs }
            },
        })).Ok(HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        using var leader = await app.ClientFor("leader");
        await (await leader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();
        var people = (await (await leader.GetAsync($"/api/warnings/{id}/deliveries")).Ok()).GetProperty("people").EnumerateArray()
            .Select(p => p.GetProperty("userId").GetGuid()).ToList();
        var anning = await app.AsSystem(db => db.Users.Where(u => u.UserName == "duty").Select(u => u.Id).SingleAsync());
        Assert.Contains(qsDuty, people);
        Assert.DoesNotContain(anning, people);

        // Issued to 青石县 only: its people read it, the sibling county 安宁县 reads nothing of it.
        using var inArea = await app.ClientFor((await app.AsSystem(db => db.Users.Where(u => u.Id == qsDuty).Select(u => u.UserName).SingleAsync()))!,
            Accounts.Password);
        await (await inArea.GetAsync($"/api/warnings/{id}")).Ok();
        using var sibling = await app.ClientFor("duty");
        await (await sibling.GetAsync($"/api/warnings/{id}")).Problem(HttpStatusCode.NotFound);
        await (await sibling.GetAsync($"/api/warnings/{id}/cap")).Problem(HttpStatusCode.NotFound);
        Assert.True((await sibling.GetAsync($"/api/warnings/{id}/deliveries")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
        var list = await (await sibling.GetAsync("/api/warnings")).Ok();
        Assert.DoesNotContain(list.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task The_public_feed_needs_no_login_and_lists_public_warnings_in_force_only()
    {
        using var analyst = await CityAnalyst();
        using var leader = await app.ClientFor("leader");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var open = (await Draft(analyst, "yellow", "公开黄色预警 " + tag)).GetProperty("id").GetGuid();
        var closed = (await Draft(analyst, "blue", "内部蓝色预警 " + tag, isPublic: false)).GetProperty("id").GetGuid();
        await (await leader.PostAsync($"/api/warnings/{open}/approval", null)).Ok();
        await (await leader.PostAsync($"/api/warnings/{closed}/approval", null)).Ok();

        using var anonymous = app.CreateClient();
        var feed = await anonymous.GetAsync("/api/warnings/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var atom = await feed.Content.ReadAsStringAsync();
        Assert.Contains("公开黄色预警 " + tag, atom, StringComparison.Ordinal);
        Assert.DoesNotContain("内部蓝色预警 " + tag, atom, StringComparison.Ordinal);
        Assert.Contains("application/cap+xml", atom, StringComparison.Ordinal);
        var entry = System.Xml.Linq.XDocument.Parse(atom).Descendants(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom"))
            .Single(e => e.ToString().Contains("公开黄色预警 " + tag, StringComparison.Ordinal));
        Assert.Equal($"urn:uuid:{open}", entry.Element(System.Xml.Linq.XName.Get("id", "http://www.w3.org/2005/Atom"))!.Value);
        Assert.Equal("洪涝灾害", entry.Element(System.Xml.Linq.XName.Get("event", CapXml.Namespace))!.Value);
        var cap = await anonymous.GetAsync($"/api/warnings/{open}/public.cap");
        Assert.Empty(CapXml.Validate(await cap.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/warnings/{closed}/public.cap")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/warnings/{closed}")).StatusCode);
        // With a token, the feed adds the restricted warnings the caller may read; from another city, none of them.
        Assert.Contains("内部蓝色预警 " + tag, await (await leader.GetAsync("/api/warnings/feed.atom")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherName = Http.NewCode("sy-duty");
        await Accounts.Create(app, otherName, "DJ-SY", "duty-officer");
        using var other = await app.ClientFor(otherName, Accounts.Password);
        var theirs = await (await other.GetAsync("/api/warnings/feed.atom")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("内部蓝色预警 " + tag, theirs, StringComparison.Ordinal);
        Assert.Contains("公开黄色预警 " + tag, theirs, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WarningApiTests_Sqlite(SqliteFactory app) : WarningApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WarningApiTests_Postgres(PostgresFactory app) : WarningApiTests(app);

/// <summary>A host that polls a CAP source: an HTTP server on 127.0.0.1 serving one alert.</summary>
public sealed class CapPollingFactory() : BeaconFactory("sqlite")
{
    public HttpSink Source { get; private set; } = null!;

    // The second source is down (nothing listens on the discard port).
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Beacon:Warnings:Import:Urls:0", Source.Url + "/cap/latest.xml"), new("Beacon:Warnings:Import:Urls:1", "http://127.0.0.1:9/cap.xml")];

    public override async Task InitializeAsync()
    {
        Source = await HttpSink.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Source.DisposeAsync();
    }
}

public sealed class CapPollingTests(CapPollingFactory app) : IClassFixture<CapPollingFactory>
{
    [Fact]
    public async Task A_polled_CAP_source_becomes_one_draft_and_is_fetched_once_per_poll_interval()
    {
        var runner = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Beacon.Platform.Scheduling.SweepRunner>(app.Services);
        var identifier = "POLL-" + Guid.NewGuid().ToString("N")[..8];
        var alert = CapXml.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oasis-a2-thunderstorm.xml")));
        app.Source.Serve = CapXml.Write(alert with
        {
            Identifier = identifier,
            Sent = DateTimeOffset.UtcNow,
            Infos = [alert.Infos[0] with { Expires = DateTimeOffset.UtcNow.AddHours(2), Severity = "Extreme" }],
        });
        await runner.RunAllAsync(CancellationToken.None);
        await runner.RunAllAsync(CancellationToken.None); // within the poll interval: not fetched again
        var drafts = await app.AsSystem(db => db.Set<Beacon.Warnings.Domain.Warning>().Where(w => w.SourceIdentifier!.EndsWith(identifier)).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.Equal(Beacon.Warnings.Domain.WarningColour.Red, draft.Current.Colour);
        Assert.Single(app.Source.Requests);

        // The administrator sees how each source fared: the one that is down, with its error.
        using var sys = await app.ClientFor("sysadmin");
        var sources = (await (await sys.GetAsync("/api/warnings/import/sources")).Ok()).EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal(1, sources[0].GetProperty("imported").GetInt32());
        Assert.Equal(JsonValueKind.Null, sources[0].GetProperty("lastError").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, sources[1].GetProperty("lastPolledAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, sources[1].GetProperty("lastSucceededAt").ValueKind);
        Assert.False(string.IsNullOrEmpty(sources[1].GetProperty("lastError").GetString()));
        using var reporter = await app.ClientFor("reporter");
        await (await reporter.GetAsync("/api/warnings/import/sources")).Problem(HttpStatusCode.Forbidden);
    }
}
