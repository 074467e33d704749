using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>Graded emergency response through the API, on a host whose clock the tests move.</summary>
public abstract class ResponseApiTests(ClockedFactory app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>A leader of the unit holding the given decision authority, signed in.</summary>
    private async Task<(HttpClient Client, Guid Id, string Name)> Leader(string unitCode, string authority)
    {
        var name = Http.NewCode("leader");
        var id = await Accounts.Create(app, name, unitCode, "leader");
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{id}/authority", new { authority })).Ok();
        }
        return (await app.ClientFor(name, Accounts.Password), id, name);
    }

    private async Task<Guid> FloodPlan(string unitCode = "DJ-LH")
    {
        var analystName = Http.NewCode("analyst");
        await Accounts.Create(app, analystName, unitCode, "analyst");
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var qs = await app.UnitId("DJ-LH-QS");
        var unitId = await app.UnitId(unitCode);
        var existing = (await (await analyst.GetAsync("/api/plans")).Ok()).EnumerateArray()
            .FirstOrDefault(p => p.GetProperty("eventTypeCode").GetString() == "natural.geological" && p.GetProperty("unitId").GetGuid() == unitId);
        if (existing.ValueKind == JsonValueKind.Object)
        {
            return existing.GetProperty("id").GetGuid();
        }
        // Not the demo's flood plan: a plan of the test's own, for landslides.
        var plan = await (await analyst.PostAsJsonAsync("/api/plans", new
        {
            eventTypeCode = "natural.geological",
            name = "临海市地质灾害应急预案",
            groups = new object[]
            {
                new { code = "coordination", nameZh = "综合协调组", memberUnitIds = Array.Empty<Guid>() },
                new { code = "onsite", nameZh = "现场处置组", leadUnitId = qs, memberUnitIds = Array.Empty<Guid>() },
                new { code = "information", nameZh = "信息发布组", memberUnitIds = Array.Empty<Guid>() },
                new { code = "logistics", nameZh = "后勤保障组", memberUnitIds = Array.Empty<Guid>() },
            },
            measures = new object[]
            {
                new { level = 2, title = "转移低洼地带群众", groupCode = "onsite", targetMinutes = 60 },
                new { level = 4, title = "发布汛情信息", groupCode = "information", targetMinutes = 30 },
                new { level = 1, title = "请求省级支援", groupCode = "coordination", targetMinutes = 30 },
            },
        })).Ok(HttpStatusCode.Created);
        return plan.GetProperty("id").GetGuid();
    }

    private static object Activation(int level, string place) => new
    {
        level,
        eventTypeCode = "natural.geological",
        place,
        scope = "东江沿岸三个乡镇",
    };

    [Fact]
    public async Task A_level_II_activation_opens_the_command_post_from_the_plan_files_it_for_the_record_and_a_participant_works_its_task()
    {
        await FloodPlan();
        var (head, _, _) = await Leader("DJ-LH", "UnitHead");
        var (inCharge, inChargeId, _) = await Leader("DJ-LH", "LeaderInCharge");
        var qsDutyName = Http.NewCode("qs-duty");
        var qsDuty = await Accounts.Create(app, qsDutyName, "DJ-LH-QS", "duty-officer");
        var place = "东江临海段" + Guid.NewGuid().ToString("N")[..4];

        // A unit head may not activate level II; nothing is created.
        var before = await app.AsSystem(db => db.Set<Beacon.Responses.Domain.Response>().CountAsync());
        await (await head.PostAsJsonAsync("/api/responses", Activation(2, place))).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.AsSystem(db => db.Set<Beacon.Responses.Domain.Response>().CountAsync()));

        var r = await (await inCharge.PostAsJsonAsync("/api/responses", Activation(2, place))).Ok(HttpStatusCode.Created);
        var id = r.GetProperty("id").GetGuid();
        Assert.Equal("active", r.GetProperty("state").GetString());
        Assert.Equal(inChargeId, r.GetProperty("commanderId").GetGuid());
        Assert.Equal("PrincipalLeader", r.GetProperty("filing").GetString());
        // Level II takes the measures of II and below (IV), not I; the on-site task goes to the county leading the group.
        var tasks = r.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["发布汛情信息", "转移低洼地带群众"], tasks.Select(t => t.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        var onsite = tasks.Single(t => t.GetProperty("groupCode").GetString() == "onsite");
        Assert.Equal("青石县", onsite.GetProperty("assigneeUnitName").GetString());
        Assert.Equal(Now.AddMinutes(60), onsite.GetProperty("dueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.NotNull(r.GetProperty("updateDueAt").GetString());

        // The principal leader (the demo leader) has it for the record; the county's duty officer is told as a group member.
        var principal = await app.UserId("leader");
        Assert.Contains("response.activated", await app.TopicsFor(principal, id.ToString()));
        Assert.Contains("response.activated", await app.TopicsFor(qsDuty, id.ToString()));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "response.activated" && a.EntityId == id.ToString())));

        // The county reads the response activated above it and works its task; another city sees nothing.
        using var county = await app.ClientFor(qsDutyName, Accounts.Password);
        var taskId = onsite.GetProperty("id").GetGuid();
        await (await county.GetAsync($"/api/responses/{id}")).Ok();
        await (await county.PostAsync($"/api/responses/{id}/tasks/{taskId}/acceptance", null)).Ok();
        await (await county.PostAsJsonAsync($"/api/responses/{id}/tasks/{taskId}/progress", new { text = "已转移群众320人" })).Ok();
        // A photo from the field is attached; a PDF named .png, or a file over 10 MB, is refused and nothing is kept.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var withPhoto = await (await county.PostAsync($"/api/responses/{id}/tasks/{taskId}/files", Upload(png, "现场.png"))).Ok();
        var photo = withPhoto.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId).GetProperty("files").EnumerateArray().Single();
        Assert.Equal("image/png", photo.GetProperty("contentType").GetString());
        var liar = await (await county.PostAsync($"/api/responses/{id}/tasks/{taskId}/files", Upload("%PDF-1.7 fake"u8.ToArray(), "photo.png")))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("photo.png", liar.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var huge = new byte[10 * 1024 * 1024 + 1];
        png.CopyTo(huge, 0);
        await (await county.PostAsync($"/api/responses/{id}/tasks/{taskId}/files", Upload(huge, "big.png"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(1, await app.AsSystem(db => db.Set<Beacon.Platform.Files.StoredFile>().CountAsync(f => f.OwnerId == taskId)));
        var photoUrl = $"/api/responses/{id}/tasks/{taskId}/files/{photo.GetProperty("id").GetGuid()}";
        Assert.Equal(png, await (await county.GetAsync(photoUrl)).Content.ReadAsByteArrayAsync());
        var afterDone = await (await county.PostAsJsonAsync($"/api/responses/{id}/tasks/{taskId}/completion", new { text = "转移完毕" })).Ok();
        Assert.Equal("done", afterDone.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId).GetProperty("state").GetString());
        await (await county.PostAsJsonAsync($"/api/responses/{id}/tasks/{taskId}/completion", new { text = "again" })).Problem(HttpStatusCode.Conflict);
        // Deciding is not the county's: it may read, not re-level.
        await (await county.PostAsJsonAsync($"/api/responses/{id}/level", new { level = 1, revision = 1, reason = "x" })).Problem(HttpStatusCode.Forbidden);
        var syName = Http.NewCode("sy-duty");
        await Accounts.Create(app, syName, "DJ-SY", "duty-officer");
        using var other = await app.ClientFor(syName, Accounts.Password);
        await (await other.GetAsync($"/api/responses/{id}")).Problem(HttpStatusCode.NotFound);
        await (await other.GetAsync(photoUrl)).Problem(HttpStatusCode.NotFound);

        // The commander adds a task; one due in the past is refused, naming the field.
        var bad = await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/tasks", new
        {
            groupCode = "logistics",
            title = "调运沙袋",
            dueAt = Now.AddMinutes(-5),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("dueAt", out _));
        var added = await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/tasks", new
        {
            groupCode = "logistics",
            title = "调运沙袋",
            assigneeUnitId = await app.UnitId("DJ-LH-AN"),
            dueAt = Now.AddHours(2),
        })).Ok();
        Assert.Equal(3, added.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Level_I_and_II_owe_an_update_every_30_minutes_misses_are_recorded_and_two_leaders_changing_the_level_at_once_get_one_409()
    {
        var (inCharge, inChargeId, inChargeName) = await Leader("DJ-LH", "LeaderInCharge");
        var (unitHead, _, _) = await Leader("DJ-LH", "UnitHead");
        var r = await (await inCharge.PostAsJsonAsync("/api/responses", Activation(2, "城关镇" + Guid.NewGuid().ToString("N")[..4]))).Ok(HttpStatusCode.Created);
        var id = r.GetProperty("id").GetGuid();
        // Lowering needs the authority of the current level: a unit head cannot lower what a leader in charge decided.
        await (await unitHead.PostAsJsonAsync($"/api/responses/{id}/level", new { level = 3, revision = 1, reason = "缓解" })).Problem(HttpStatusCode.Forbidden);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await app.Sweep();
        Assert.Equal(0, await Missed(id));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.Sweep();
        Assert.Equal(1, await Missed(id));
        Assert.Contains("response.update-missed", await app.TopicsFor(inChargeId, id.ToString()));
        using (var commander = await app.ClientFor(inChargeName, Accounts.Password))
        {
            await (await commander.PostAsJsonAsync($"/api/responses/{id}/updates", new { text = "水位回落至警戒线以下" })).Ok(HttpStatusCode.Created);
            await (await commander.PostAsJsonAsync($"/api/responses/{id}/updates", new { text = "" })).Problem(HttpStatusCode.BadRequest);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await app.Sweep();
        Assert.Equal(1, await Missed(id));
        // A stopped server: the slots that passed (at 61 and 91 minutes after the update) are each recorded.
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await app.Sweep();
        Assert.Equal(3, await Missed(id));
        await app.Sweep();
        Assert.Equal(3, await Missed(id));

        // Two leaders decide on the same revision: one wins, the other gets 409 with nothing changed.
        using var a = await app.ClientFor("leader");
        using var b = await app.ClientFor(inChargeName, Accounts.Password);
        var revision = (await (await a.GetAsync($"/api/responses/{id}")).Ok()).GetProperty("revision").GetInt32();
        var results = await Task.WhenAll(
            a.PostAsJsonAsync($"/api/responses/{id}/level", new { level = 1, revision, reason = "险情扩大" }),
            b.PostAsJsonAsync($"/api/responses/{id}/level", new { level = 3, revision, reason = "险情缓解" }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(x => x.StatusCode).Order());
        var now = await (await a.GetAsync($"/api/responses/{id}")).Ok();
        Assert.Equal(revision + 1, now.GetProperty("revision").GetInt32());
        Assert.Equal(2, now.GetProperty("levelChanges").GetArrayLength());
        Assert.Contains(now.GetProperty("level").GetInt32(), new[] { 1, 3 });
    }

    [Fact]
    public async Task Termination_needs_a_condition_and_the_approver_of_the_level_then_the_report_is_drafted_as_Word_filed_and_reviewed()
    {
        await FloodPlan();
        var (inCharge, inChargeId, inChargeName) = await Leader("DJ-LH", "LeaderInCharge");
        var place = "东江临海段" + Guid.NewGuid().ToString("N")[..4];
        var id = (await (await inCharge.PostAsJsonAsync("/api/responses", Activation(2, place))).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var principal = await app.ClientFor("leader");
        var revision = (await (await principal.GetAsync($"/api/responses/{id}")).Ok()).GetProperty("revision").GetInt32();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await principal.PostAsJsonAsync($"/api/responses/{id}/level", new { level = 1, revision, reason = "堤防出现管涌" })).Ok();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/updates", new { text = "管涌点已封堵" })).Ok(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await inCharge.PutAsJsonAsync($"/api/responses/{id}/resources", new { text = "抢险队员120人\n冲锋舟6艘" })).Ok();

        // No condition: refused. The commander (leader in charge) cannot end a level I response alone: it awaits the principal leader.
        var none = await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/termination", new { condition = " " })).Problem(HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("condition", out _));
        var terminating = await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/termination", new { condition = "水位回落至警戒线以下，险情排除" })).Ok();
        Assert.Equal("terminating", terminating.GetProperty("state").GetString());
        await (await inCharge.PostAsync($"/api/responses/{id}/termination/approval", null)).Problem(HttpStatusCode.Forbidden);
        var ended = await (await principal.PostAsync($"/api/responses/{id}/termination/approval", null)).Ok();
        Assert.Equal("terminated", ended.GetProperty("state").GetString());
        Assert.Equal(Now.AddHours(24), ended.GetProperty("reportDueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Contains("response.terminated", await app.TopicsFor(inChargeId, id.ToString()));

        // Nothing moves on a terminated response.
        var task = ended.GetProperty("tasks").EnumerateArray().First().GetProperty("id").GetGuid();
        await (await inCharge.PostAsync($"/api/responses/{id}/tasks/{task}/acceptance", null)).Problem(HttpStatusCode.Conflict);
        await (await inCharge.PostAsJsonAsync($"/api/responses/{id}/updates", new { text = "迟到的更新" })).Problem(HttpStatusCode.Conflict);
        await (await principal.PostAsJsonAsync($"/api/responses/{id}/termination", new { condition = "again" })).Problem(HttpStatusCode.Conflict);

        // The draft report opens as Word: the organisation's header, the eight headings, the timeline with the update and the levels.
        var docx = await inCharge.GetAsync($"/api/responses/{id}/report.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var body = doc.MainDocumentPart!.Document.Body!;
            var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
            Assert.Equal(["一、基本情况", "二、响应级别与决策", "三、处置经过", "四、任务完成情况", "五、预警发布情况", "六、资源使用情况", "七、时限执行情况", "八、经验与不足"], headings);
            Assert.Contains("临海市", doc.MainDocumentPart.HeaderParts.Single().Header.InnerText, StringComparison.Ordinal);
            var text = body.InnerText;
            Assert.Contains("管涌点已封堵", text, StringComparison.Ordinal);
            Assert.Contains("堤防出现管涌", text, StringComparison.Ordinal);
            Assert.Contains("冲锋舟6艘", text, StringComparison.Ordinal);
            Assert.Contains(place, text, StringComparison.Ordinal);
        }

        // Past its time the report is recorded overdue once; the commander files the finalised document; a non-Word file is refused.
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.Sweep();
        Assert.Single(await app.TopicsFor(inChargeId, id.ToString()), t => t == "response.report-overdue");
        await app.Sweep();
        Assert.Single(await app.TopicsFor(inChargeId, id.ToString()), t => t == "response.report-overdue");
        using var commander = await app.ClientFor(inChargeName, Accounts.Password);
        using (var junk = new MultipartFormDataContent { { new ByteArrayContent("not word"u8.ToArray()), "file", "report.docx" } })
        {
            await (await commander.PostAsync($"/api/responses/{id}/report", junk)).Problem(HttpStatusCode.BadRequest);
        }
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "处置报告.docx" } })
        {
            Assert.Equal("reported", (await (await commander.PostAsync($"/api/responses/{id}/report", form)).Ok()).GetProperty("state").GetString());
        }
        var filed = await commander.GetAsync($"/api/responses/{id}/report.docx");
        Assert.Equal(bytes, await filed.Content.ReadAsByteArrayAsync());

        // The review: a finding with owner and deadline, then closed.
        await (await commander.PostAsJsonAsync($"/api/responses/{id}/findings", new { text = "堤防巡查频次不足", owner = "水务局", deadline = Now.AddDays(-1) }))
            .Problem(HttpStatusCode.BadRequest);
        var withFinding = await (await commander.PostAsJsonAsync($"/api/responses/{id}/findings", new
        {
            text = "堤防巡查频次不足",
            ownerUnitId = await app.UnitId("DJ-LH-QS"),
            owner = "水务局",
            deadline = Now.AddDays(30),
        })).Ok();
        Assert.Single(withFinding.GetProperty("findings").EnumerateArray());
        // In one step the finding becomes a hazard under rectification by its owner unit, with its deadline; once.
        var findingId = withFinding.GetProperty("findings")[0].GetProperty("id").GetGuid();
        var hazard = await (await commander.PostAsJsonAsync("/api/hazards/from-finding", new { responseId = id, findingId })).Ok();
        Assert.Equal("rectifying", hazard.GetProperty("state").GetString());
        Assert.Equal(await app.UnitId("DJ-LH-QS"), hazard.GetProperty("responsibleUnitId").GetGuid());
        Assert.Equal(Now.AddDays(30), hazard.GetProperty("deadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        var again = await (await commander.PostAsJsonAsync("/api/hazards/from-finding", new { responseId = id, findingId })).Ok();
        Assert.Equal(hazard.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal("reviewed", (await (await commander.PostAsync($"/api/responses/{id}/review", null)).Ok()).GetProperty("state").GetString());
        var timeline = (await (await commander.GetAsync($"/api/responses/{id}/timeline")).Ok()).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["activated", "level", "update", "termination-requested", "terminated", "report-filed"], timeline.Where(k => k != "task-done" && k != "missed-update"));
    }

    [Fact]
    public async Task A_plan_with_an_unknown_group_or_units_outside_the_subtree_is_refused_and_a_stale_revision_gets_409()
    {
        var analystName = Http.NewCode("an-analyst");
        await Accounts.Create(app, analystName, "DJ-LH-AN", "analyst");
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var bad = await (await analyst.PostAsJsonAsync("/api/plans", new
        {
            eventTypeCode = "natural.flood",
            name = "安宁县防汛预案",
            groups = new object[] { new { code = "onsite", nameZh = "现场处置组", leadUnitId = await app.UnitId("DJ-SY"), memberUnitIds = Array.Empty<Guid>() } },
            measures = new object[] { new { level = 5, title = "x", groupCode = "nowhere", targetMinutes = 30 } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("groups", out _));
        var plan = await (await analyst.PostAsJsonAsync("/api/plans", new { eventTypeCode = "natural.flood", name = "安宁县防汛预案" })).Ok(HttpStatusCode.Created);
        Assert.Equal(4, plan.GetProperty("groups").GetArrayLength());
        var id = plan.GetProperty("id").GetGuid();
        var update = new
        {
            eventTypeCode = "natural.flood",
            name = "安宁县防汛预案（修订）",
            groups = plan.GetProperty("groups"),
            measures = new object[] { new { level = 3, title = "启动巡堤查险", groupCode = "onsite", targetMinutes = 30 } },
            revision = plan.GetProperty("revision").GetInt32(),
        };
        await (await analyst.PutAsJsonAsync($"/api/plans/{id}", update)).Ok();
        await (await analyst.PutAsJsonAsync($"/api/plans/{id}", update)).Problem(HttpStatusCode.Conflict);
        await (await analyst.PostAsJsonAsync("/api/plans", new { eventTypeCode = "natural.flood", name = "重复" })).Problem(HttpStatusCode.Conflict);
        using var reporter = await app.ClientFor("reporter");
        await (await reporter.PostAsJsonAsync("/api/plans", new { eventTypeCode = "natural.flood", name = "x" })).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_report_starts_a_response_once_it_is_graded_and_only_once_and_a_plan_above_brings_no_units_of_other_subtrees()
    {
        using var reporter = await app.ClientFor("reporter");
        var report = (await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt = Now.AddMinutes(-10),
            learnedAt = Now.AddMinutes(-5),
            place = "城关镇西街" + Guid.NewGuid().ToString("N")[..4],
            peopleAffected = 300,
            unitsInvolved = "城关镇",
            measuresTaken = "巡查",
            measuresPlanned = "转移",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // A county leader with the county's authority (III–IV) starts from the report; the city's fire plan applies from above.
        var (countyHead, _, _) = await Leader("DJ-LH-AN", "UnitHead");
        var ungraded = await (await countyHead.PostAsJsonAsync("/api/responses", new { reportId = report, level = 3, scope = "城关镇" }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.True(ungraded.GetProperty("errors").TryGetProperty("reportId", out _));
        var analystName = Http.NewCode("an-analyst");
        await Accounts.Create(app, analystName, "DJ-LH-AN", "analyst");
        using (var analyst = await app.ClientFor(analystName, Accounts.Password))
        {
            await (await analyst.PostAsJsonAsync($"/api/reports/{report}/assessment", new { level = 3, summary = "较大汛情" })).Ok();
        }
        var r = await (await countyHead.PostAsJsonAsync("/api/responses", new { reportId = report, scope = "城关镇" })).Ok(HttpStatusCode.Created);
        Assert.Equal(3, r.GetProperty("level").GetInt32());
        Assert.Equal("accident.fire", r.GetProperty("eventTypeCode").GetString());
        await (await countyHead.PostAsJsonAsync("/api/responses", new { reportId = report, scope = "城关镇" })).Problem(HttpStatusCode.Conflict);
        // The city's plan names the city's bureau for coordination: outside the county, so it takes no part.
        var id = r.GetProperty("id").GetGuid();
        var cityBureau = await app.UnitId("DJ-LH-EM");
        Assert.False(await app.AsSystem(db => db.Set<Beacon.Responses.Domain.ResponseParticipant>().AnyAsync(p => p.ResponseId == id && p.UnitId == cityBureau)));
        var county = await app.UnitId("DJ-LH-AN");
        Assert.True(await app.AsSystem(db => db.Set<Beacon.Responses.Domain.ResponseParticipant>().AnyAsync(p => p.ResponseId == id && p.UnitId == county)));
        // The system administrator maintains plans: the list opens for them.
        using var sys = await app.ClientFor("sysadmin");
        await (await sys.GetAsync("/api/plans")).Ok();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    private Task<int> Missed(Guid id) => app.AsSystem(db => db.Set<Beacon.Responses.Domain.MissedUpdate>().CountAsync(m => m.ResponseId == id));
}

public sealed class ResponseApiTests_Sqlite(ClockedSqliteFactory app) : ResponseApiTests(app), IClassFixture<ClockedSqliteFactory>;

public sealed class ResponseApiTests_Postgres(ClockedPostgresFactory app) : ResponseApiTests(app), IClassFixture<ClockedPostgresFactory>;
