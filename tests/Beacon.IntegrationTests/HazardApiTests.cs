using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Hazards.Domain;
using Beacon.Hazards.Features;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Common;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests;

/// <summary>The hazard register, its rectification, ledger and screening plans through the API, on a host whose clock the tests move.</summary>
public abstract class HazardApiTests(ClockedFactory app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>Today in the organisation's zone, as the server reckons plan days.</summary>
    private DateOnly Today => DateOnly.FromDateTime(app.Services.GetRequiredService<LocalTime>().ToLocal(Now).DateTime);

    private Task<int> HazardCount() => app.AsSystem(db => db.Set<Hazard>().CountAsync());

    /// <summary>An analyst of 安宁县: the county office that plans screenings, sets rectifications and imports ledgers.</summary>
    private async Task<(Guid Id, string Name)> CountyAnalyst()
    {
        var name = Http.NewCode("an-analyst");
        return (await Accounts.Create(app, name, "DJ-LH-AN", "analyst"), name);
    }

    private static async Task<JsonElement> Record(HttpClient client, string place, int likelihood = 5, int impact = 4) =>
        await (await client.PostAsJsonAsync("/api/hazards", new
        {
            domain = "消防",
            place,
            description = "安全出口被杂物堵塞，部分灭火器已过期。",
            likelihood,
            impact,
        })).Ok(HttpStatusCode.Created);

    private static string Place(string what) => what + Guid.NewGuid().ToString("N")[..6];

    private static MultipartFormDataContent Upload(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static Guid IdOf(JsonElement x) => x.GetProperty("id").GetGuid();

    private static bool HasError(JsonElement problem, string field) => problem.GetProperty("errors").TryGetProperty(field, out _);

    /// <summary>The matrix as a revision request: the same labels and bands, the first likelihood label renamed or one cell left out if asked.</summary>
    private static object Revision(JsonElement m, int revision, string? firstLikelihood = null, int? dropCell = null) => new
    {
        size = m.GetProperty("size").GetInt32(),
        likelihoodLabels = m.GetProperty("likelihoodLabels").EnumerateArray()
            .Select((l, i) => i == 0 && firstLikelihood is not null ? firstLikelihood : l.GetString()).ToList(),
        impactLabels = m.GetProperty("impactLabels").EnumerateArray().Select(l => l.GetString()).ToList(),
        bands = m.GetProperty("bands").EnumerateArray().Select(b => new
        {
            code = b.GetProperty("code").GetString(),
            nameZh = b.GetProperty("nameZh").GetString(),
            nameEn = b.TryGetProperty("nameEn", out var en) && en.ValueKind == JsonValueKind.String ? en.GetString() : null,
            colour = b.GetProperty("colour").GetString(),
            cells = b.GetProperty("cells").EnumerateArray().Select(c => c.GetInt32()).Where(c => c != dropCell).ToList(),
        }).ToList(),
        revision,
    };

    /// <summary>An import workbook: the ledger's header, then the rows as given.</summary>
    private static byte[] Workbook(IReadOnlyList<object[]> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("隐患台账");
        for (var c = 0; c < ImportHazards.Header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = ImportHazards.Header[c];
        }
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 2, c + 1).Value = rows[r][c];
            }
        }
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task The_risk_matrix_is_five_by_five_in_three_bands_and_only_the_security_administrator_revises_it_against_the_revision_seen()
    {
        using var reporter = await app.ClientFor("reporter");
        var matrix = await (await reporter.GetAsync("/api/risk-matrix")).Ok();
        Assert.Equal(5, matrix.GetProperty("size").GetInt32());
        Assert.Equal(5, matrix.GetProperty("likelihoodLabels").GetArrayLength());
        Assert.Equal(5, matrix.GetProperty("impactLabels").GetArrayLength());
        var bands = matrix.GetProperty("bands").EnumerateArray().ToList();
        Assert.Equal(["high", "medium", "low"], bands.Select(b => b.GetProperty("code").GetString()!).ToList());
        Assert.Equal(Enumerable.Range(0, 25), bands.SelectMany(b => b.GetProperty("cells").EnumerateArray().Select(c => c.GetInt32())).Order());
        var seen = matrix.GetProperty("revision").GetInt32();
        Assert.Equal(1, seen);

        // A cell in no band is refused, naming the cells; nothing changes.
        using var sec = await app.ClientFor("secadmin");
        var gap = await (await sec.PutAsJsonAsync("/api/risk-matrix", Revision(matrix, seen, dropCell: 0))).Problem(HttpStatusCode.BadRequest);
        Assert.True(HasError(gap, "cells"));
        Assert.Equal(seen, (await (await reporter.GetAsync("/api/risk-matrix")).Ok()).GetProperty("revision").GetInt32());

        // A sound revision against the revision seen is taken; the same revision again is stale.
        var revised = await (await sec.PutAsJsonAsync("/api/risk-matrix", Revision(matrix, seen, firstLikelihood: "极不可能（修订）"))).Ok();
        Assert.Equal(seen + 1, revised.GetProperty("revision").GetInt32());
        var read = await (await reporter.GetAsync("/api/risk-matrix")).Ok();
        Assert.Equal(seen + 1, read.GetProperty("revision").GetInt32());
        Assert.Equal("极不可能（修订）", read.GetProperty("likelihoodLabels")[0].GetString());
        Assert.Equal(3, read.GetProperty("bands").GetArrayLength());
        await (await sec.PutAsJsonAsync("/api/risk-matrix", Revision(matrix, seen, firstLikelihood: "又一次修订"))).Problem(HttpStatusCode.Conflict);

        // A leader reads the matrix but does not revise it.
        using var leader = await app.ClientFor("leader");
        await (await leader.PutAsJsonAsync("/api/risk-matrix", Revision(read, seen + 1, firstLikelihood: "领导修订"))).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(seen + 1, (await (await leader.GetAsync("/api/risk-matrix")).Ok()).GetProperty("revision").GetInt32());

        // Nor does a county's security administrator: the matrix grades the whole province's hazards.
        var countySec = Http.NewCode("county-sec");
        await Accounts.Create(app, countySec, "DJ-LH-AN", "security-admin");
        using var county = await app.ClientFor(countySec, Accounts.Password);
        await (await county.PutAsJsonAsync("/api/risk-matrix", Revision(read, seen + 1, firstLikelihood: "县级修订"))).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(seen + 1, (await (await leader.GetAsync("/api/risk-matrix")).Ok()).GetProperty("revision").GetInt32());
    }

    [Theory]
    [InlineData(@"..\..\..\evil.png")]
    [InlineData("../../../evil.png")]
    [InlineData(@"C:\Users\x\evil.png")]
    public async Task An_uploaded_file_keeps_only_its_base_name_whichever_separator_its_path_uses(string name)
    {
        using var reporter = await app.ClientFor("reporter");
        var id = IdOf(await Record(reporter, Place("城关镇菜场")));
        using var form = Upload(Png, name);
        var file = await (await reporter.PostAsync($"/api/hazards/{id}/files", form)).Ok(HttpStatusCode.Created);
        Assert.Equal("evil.png", file.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_hazard_is_recorded_with_a_photo_rectified_with_an_extension_closed_after_a_return_and_reopened_as_a_repeat()
    {
        using var reporter = await app.ClientFor("reporter");
        var before = await HazardCount();
        var off = await (await reporter.PostAsJsonAsync("/api/hazards",
            new { domain = "消防", place = "城关镇农贸市场", description = "消防通道堵塞", likelihood = 6, impact = 4 })).Problem(HttpStatusCode.BadRequest);
        Assert.True(HasError(off, "likelihood"));
        Assert.Equal(before, await HazardCount());

        var h = await Record(reporter, Place("城关镇农贸市场"));
        var id = IdOf(h);
        Assert.StartsWith($"YH-{Now.Year}-", h.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", h.GetProperty("riskLevel").GetString());
        Assert.Equal("open", h.GetProperty("state").GetString());
        Assert.Equal(before + 1, await HazardCount());

        // A photo of the scene is taken; a PDF named as a photo is not.
        Guid photo;
        using (var form = Upload(Png, "现场.png"))
        {
            var file = await (await reporter.PostAsync($"/api/hazards/{id}/files", form)).Ok(HttpStatusCode.Created);
            Assert.Equal("image/png", file.GetProperty("contentType").GetString());
            photo = IdOf(file);
        }
        using (var fake = Upload("%PDF-1.4\n%fake\n"u8.ToArray(), "现场.jpg"))
        {
            Assert.True(HasError(await (await reporter.PostAsync($"/api/hazards/{id}/files", fake)).Problem(HttpStatusCode.BadRequest), "file"));
        }

        // The county office sets the rectification for the town; the town's handler hears of it.
        var handlerId = await Accounts.Create(app, Http.NewCode("cg-handler"), "DJ-LH-AN-CG", "handler");
        var (_, analystName) = await CountyAnalyst();
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var town = await app.UnitId("DJ-LH-AN-CG");
        var late = await (await analyst.PutAsJsonAsync($"/api/hazards/{id}/rectification", new
        {
            responsibleUnitId = town,
            responsiblePerson = "王站长",
            measures = "清理消防通道，更换过期灭火器。",
            deadline = Now.AddHours(-1),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(HasError(late, "deadline"));
        var set = await (await analyst.PutAsJsonAsync($"/api/hazards/{id}/rectification", new
        {
            responsibleUnitId = town,
            responsiblePerson = "王站长",
            measures = "清理消防通道，更换过期灭火器。",
            deadline = Now.AddDays(7),
        })).Ok();
        Assert.Equal("rectifying", set.GetProperty("state").GetString());
        Assert.Equal(town, set.GetProperty("responsibleUnitId").GetGuid());
        Assert.Equal(Now.AddDays(7), set.GetProperty("deadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Contains("hazard.rectification-assigned", await app.TopicsFor(handlerId, id.ToString()));

        // The town reports progress and asks for more time: an earlier date is refused, a later one with a reason is taken.
        var progressed = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/progress", new { text = "消防通道已清理完毕" })).Ok();
        Assert.Equal(1, progressed.GetProperty("progress").GetArrayLength());
        var earlier = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/extensions", new { deadline = Now.AddDays(3), reason = "灭火器到货延迟" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(HasError(earlier, "newDeadline"));
        var asked = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/extensions", new { deadline = Now.AddDays(10), reason = "灭火器到货延迟" })).Ok();
        var extension = IdOf(asked.GetProperty("extensions")[0]);
        // The town cannot decide its own request; the office grants it.
        await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/extensions/{extension}/decision", new { grant = true })).Problem(HttpStatusCode.Forbidden);
        var granted = await (await analyst.PostAsJsonAsync($"/api/hazards/{id}/extensions/{extension}/decision", new { grant = true })).Ok();
        Assert.Equal(Now.AddDays(10), granted.GetProperty("deadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(Now.AddDays(7), granted.GetProperty("originalDeadline").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        // Closure (销号): evidence is required; the office sends it back once, then accepts it.
        var bare = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/closure", new { evidenceFileIds = Array.Empty<Guid>(), note = "整改完成" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(HasError(bare, "evidence"));
        var submitted = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/closure", new { evidenceFileIds = new[] { photo }, note = "通道已清理，灭火器已更换。" }))
            .Ok();
        Assert.Equal("closuresubmitted", submitted.GetProperty("state").GetString());
        var returned = await (await analyst.PostAsJsonAsync($"/api/hazards/{id}/closure/return", new { text = "缺少灭火器更换后的照片" })).Ok();
        Assert.Equal("rectifying", returned.GetProperty("state").GetString());
        Assert.Equal("缺少灭火器更换后的照片", returned.GetProperty("returnReason").GetString());
        var again = await (await reporter.PostAsJsonAsync($"/api/hazards/{id}/closure", new { evidenceFileIds = new[] { photo }, note = "补充更换后照片。" })).Ok();
        Assert.Equal("closuresubmitted", again.GetProperty("state").GetString());
        var closed = await (await analyst.PostAsync($"/api/hazards/{id}/closure/acceptance", null)).Ok();
        Assert.Equal("closed", closed.GetProperty("state").GetString());

        // It recurs: reopened as a repeat, waiting for a new rectification.
        var reopened = await (await analyst.PostAsJsonAsync($"/api/hazards/{id}/reopen", new { text = "复查发现通道再次被堵" })).Ok();
        Assert.Equal("open", reopened.GetProperty("state").GetString());
        Assert.Equal(1, reopened.GetProperty("repeatCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("deadline").ValueKind);
    }

    [Fact]
    public async Task A_rectification_due_in_two_days_is_listed_as_due_soon_then_as_overdue_once_the_clock_passes_it()
    {
        string code;
        Guid id;
        using (var reporter = await app.ClientFor("reporter"))
        {
            var h = await Record(reporter, Place("城关镇加油站"));
            id = IdOf(h);
            code = h.GetProperty("code").GetString()!;
        }
        var (_, analystName) = await CountyAnalyst();
        using (var analyst = await app.ClientFor(analystName, Accounts.Password))
        {
            var set = await (await analyst.PutAsJsonAsync($"/api/hazards/{id}/rectification", new
            {
                responsibleUnitId = await app.UnitId("DJ-LH-AN-CG"),
                responsiblePerson = "李所长",
                measures = "更换老化的油气回收管线。",
                deadline = Now.AddDays(2),
            })).Ok();
            Assert.Equal("duesoon", set.GetProperty("due").GetString());
            var soon = await (await analyst.GetAsync($"/api/hazards?due=duesoon&q={Uri.EscapeDataString(code)}")).Ok();
            Assert.Contains(Items(soon), x => IdOf(x) == id);
            var overdueYet = await (await analyst.GetAsync($"/api/hazards?due=overdue&q={Uri.EscapeDataString(code)}")).Ok();
            Assert.DoesNotContain(Items(overdueYet), x => IdOf(x) == id);
        }

        app.Clock.Advance(TimeSpan.FromDays(3));
        using var analystLater = await app.ClientFor(analystName, Accounts.Password);
        var overdue = await (await analystLater.GetAsync($"/api/hazards?due=overdue&q={Uri.EscapeDataString(code)}")).Ok();
        var item = Assert.Single(Items(overdue), x => IdOf(x) == id);
        Assert.Equal("overdue", item.GetProperty("due").GetString());
        Assert.True(overdue.GetProperty("counters").GetProperty("overdue").GetInt32() >= 1);
        var soonNoMore = await (await analystLater.GetAsync($"/api/hazards?due=duesoon&q={Uri.EscapeDataString(code)}")).Ok();
        Assert.DoesNotContain(Items(soonNoMore), x => IdOf(x) == id);
    }

    [Fact]
    public async Task A_hazard_and_its_photo_are_hidden_from_another_city()
    {
        using var reporter = await app.ClientFor("reporter");
        var h = await Record(reporter, Place("城关镇小学"));
        var id = IdOf(h);
        Guid photo;
        using (var form = Upload(Png, "现场.png"))
        {
            photo = IdOf(await (await reporter.PostAsync($"/api/hazards/{id}/files", form)).Ok(HttpStatusCode.Created));
        }
        Assert.Equal(Png, await reporter.GetByteArrayAsync($"/api/hazards/{id}/files/{photo}"));

        var outsiderName = Http.NewCode("sy-handler");
        await Accounts.Create(app, outsiderName, "DJ-SY", "handler");
        using var outsider = await app.ClientFor(outsiderName, Accounts.Password);
        await (await outsider.GetAsync($"/api/hazards/{id}")).Problem(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/hazards/{id}/files/{photo}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(Items(await (await outsider.GetAsync("/api/hazards?take=500")).Ok()), x => IdOf(x) == id);
    }

    [Fact]
    public async Task The_ledger_filters_by_level_and_subtree_counts_the_same_hazards_per_matrix_cell_and_exports_them_to_xlsx()
    {
        string code;
        Guid id;
        using (var reporter = await app.ClientFor("reporter"))
        {
            var h = await Record(reporter, Place("城关镇化工仓库"), likelihood: 5, impact: 4);
            id = IdOf(h);
            code = h.GetProperty("code").GetString()!;
        }
        var (_, analystName) = await CountyAnalyst();
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        var county = await app.UnitId("DJ-LH-AN");

        var page = await (await analyst.GetAsync($"/api/hazards?level=high&unitId={county}&take=500")).Ok();
        var items = Items(page);
        Assert.All(items, x => Assert.Equal("high", x.GetProperty("riskLevel").GetString()));
        Assert.Contains(items, x => IdOf(x) == id);
        var total = page.GetProperty("counters").GetProperty("total").GetInt32();
        Assert.True(total >= 1);

        var matrix = await (await analyst.GetAsync($"/api/hazards/matrix?level=high&unitId={county}")).Ok();
        var cells = matrix.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(25, cells.Count);
        Assert.Equal(total, cells.Sum(c => c.GetProperty("count").GetInt32()));
        var cell = Assert.Single(cells, c => c.GetProperty("likelihood").GetInt32() == 5 && c.GetProperty("impact").GetInt32() == 4);
        Assert.Equal("high", cell.GetProperty("band").GetString());
        Assert.True(cell.GetProperty("count").GetInt32() >= 1);

        using var export = await analyst.GetAsync("/api/hazards/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ExportHazards.XlsxType, export.Content.Headers.ContentType?.MediaType);
        using var content = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var book = new XLWorkbook(content);
        var sheet = book.Worksheet(1);
        Assert.Equal("编号", sheet.Cell(1, 1).GetString());
        Assert.Contains(sheet.RowsUsed(), r => r.Cell(1).GetString() == code);
    }

    [Fact]
    public async Task An_import_with_a_bad_row_saves_nothing_and_names_the_row_while_a_clean_one_saves_every_row()
    {
        var (_, analystName) = await CountyAnalyst();
        using var analyst = await app.ClientFor(analystName, Accounts.Password);
        object[] Row(string unitCode, int likelihood, string place) =>
        [
            unitCode, "消防", place, "楼道堆放杂物，堵塞疏散通道。", likelihood, 3, new DateTime(2026, 11, 1), "DJ-LH-AN-CG", "王站长", "清理楼道杂物。",
            new DateTime(2099, 12, 31),
        ];
        object[] first = Row("DJ-LH-AN-CG", 4, Place("东门社区3号楼")), second = Row("DJ-LH-AN-CG", 2, Place("西街村仓库"));

        // Row 4 names a unit outside the county and a likelihood off the matrix: nothing is saved.
        var before = await HazardCount();
        using (var form = Upload(Workbook([first, second, Row("DJ-SY", 9, Place("山阳市某厂"))]), "隐患台账.xlsx"))
        {
            var refused = await (await analyst.PostAsync("/api/hazards/import", form)).Problem(HttpStatusCode.BadRequest);
            Assert.Equal("row 4", Assert.Single(refused.GetProperty("errors").EnumerateObject()).Name);
        }
        Assert.Equal(before, await HazardCount());

        // A found-at of year 1 (a slip, or an empty date elsewhere) is that row's error, not a server error.
        object[] ancient = [.. first[..6], "0001-01-01 00:00", .. first[7..]];
        using (var form = Upload(Workbook([ancient]), "隐患台账.xlsx"))
        {
            var refused = await (await analyst.PostAsync("/api/hazards/import", form)).Problem(HttpStatusCode.BadRequest);
            Assert.Equal("row 2", Assert.Single(refused.GetProperty("errors").EnumerateObject()).Name);
        }
        Assert.Equal(before, await HazardCount());

        // The same file without it: both rows are saved, under rectification by the town.
        var clean = Workbook([first, second]);
        using (var form = Upload(clean, "隐患台账.xlsx"))
        {
            var imported = await (await analyst.PostAsync("/api/hazards/import", form)).Ok();
            Assert.Equal(2, imported.GetProperty("imported").GetInt32());
            var codes = imported.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(2, codes.Count);
            foreach (var code in codes)
            {
                var listed = Assert.Single(Items(await (await analyst.GetAsync($"/api/hazards?q={Uri.EscapeDataString(code)}")).Ok()));
                Assert.Equal(code, listed.GetProperty("code").GetString());
                Assert.Equal("import", listed.GetProperty("source").GetString());
                Assert.Equal("rectifying", listed.GetProperty("state").GetString());
            }
        }
        Assert.Equal(before + 2, await HazardCount());

        // A reporter does not import.
        using var reporter = await app.ClientFor("reporter");
        using (var form = Upload(clean, "隐患台账.xlsx"))
        {
            await (await reporter.PostAsync("/api/hazards/import", form)).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before + 2, await HazardCount());
    }

    [Fact]
    public async Task A_special_screening_plan_shows_who_has_not_filed_takes_each_units_result_once_and_recurs_after_its_end()
    {
        var (analystId, analystName) = await CountyAnalyst();
        var town = await app.UnitId("DJ-LH-AN-CG");
        var bureau = await app.UnitId("DJ-LH-AN-HC");
        var title = Place("安宁县消防安全专项排查");
        var endsOn = Today.AddDays(20);
        Guid planId;
        using (var analyst = await app.ClientFor(analystName, Accounts.Password))
        {
            var outside = await (await analyst.PostAsJsonAsync("/api/screening-plans", new
            {
                kind = "special",
                title,
                domains = new[] { "消防" },
                scopeUnitIds = new[] { town, await app.UnitId("DJ-SY") },
                ownerIds = new[] { analystId },
                startsOn = Today,
                endsOn,
                recurring = true,
            })).Problem(HttpStatusCode.BadRequest);
            Assert.True(HasError(outside, "scopeUnitIds"));

            var plan = await (await analyst.PostAsJsonAsync("/api/screening-plans", new
            {
                kind = "special",
                title,
                domains = new[] { "消防" },
                scopeUnitIds = new[] { town, bureau },
                ownerIds = new[] { analystId },
                startsOn = Today,
                endsOn,
                recurring = true,
            })).Ok(HttpStatusCode.Created);
            planId = IdOf(plan);
            Assert.Equal("special", plan.GetProperty("kind").GetString());
            Assert.Equal(2, plan.GetProperty("inScope").GetInt32());
            Assert.Equal(0, plan.GetProperty("filed").GetInt32());
            Assert.Equal(2, plan.GetProperty("missing").GetArrayLength());
        }

        // The town, in scope, reads the plan and files its result once.
        using (var reporter = await app.ClientFor("reporter"))
        {
            var read = await (await reporter.GetAsync($"/api/screening-plans/{planId}")).Ok();
            Assert.Equal(title, read.GetProperty("title").GetString());
            var filed = await (await reporter.PostAsJsonAsync($"/api/screening-plans/{planId}/results", new { hazardsFound = 1, note = "发现消防隐患1处" })).Ok();
            Assert.Equal(1, filed.GetProperty("filed").GetInt32());
            // The town sees the totals but nothing of its sibling, the bureau.
            Assert.Empty(filed.GetProperty("missing").EnumerateArray());
            Assert.Single(filed.GetProperty("results").EnumerateArray());
            await (await reporter.PostAsJsonAsync($"/api/screening-plans/{planId}/results", new { hazardsFound = 2 })).Problem(HttpStatusCode.Conflict);
        }
        using (var office = await app.ClientFor(analystName, Accounts.Password))
        {
            var coverage = await (await office.GetAsync($"/api/screening-plans/{planId}")).Ok();
            Assert.Equal(bureau, IdOf(Assert.Single(coverage.GetProperty("missing").EnumerateArray())));
        }

        // Past its end the plan begets the next month's, once.
        app.Clock.Advance(TimeSpan.FromDays(25));
        await app.Sweep();
        using var analystLater = await app.ClientFor(analystName, Accounts.Password);
        var plans = (await (await analystLater.GetAsync("/api/screening-plans")).Ok()).EnumerateArray().ToList();
        var next = Assert.Single(plans, p => RecursFrom(p, planId));
        Assert.True(next.GetProperty("startsOn").Deserialize<DateOnly>() > endsOn);
        Assert.Equal("special", next.GetProperty("kind").GetString());
        Assert.Equal(2, next.GetProperty("inScope").GetInt32());
        Assert.Equal(0, next.GetProperty("filed").GetInt32());

        await app.Sweep();
        var after = (await (await analystLater.GetAsync("/api/screening-plans")).Ok()).EnumerateArray().ToList();
        Assert.Equal(plans.Count, after.Count);
        Assert.Single(after, p => RecursFrom(p, planId));

        // The office stops the series at the new plan: past its end, nothing more is generated; a town may not stop it.
        var nextId = IdOf(after.Single(p => RecursFrom(p, planId)));
        using (var reporter = await app.ClientFor("reporter"))
        {
            await (await reporter.PostAsync($"/api/screening-plans/{nextId}/stop", null)).Problem(HttpStatusCode.Forbidden);
        }
        Assert.False((await (await analystLater.PostAsync($"/api/screening-plans/{nextId}/stop", null)).Ok()).GetProperty("recurring").GetBoolean());
        app.Clock.Advance(TimeSpan.FromDays(40));
        await app.Sweep();
        using var analystAfter = await app.ClientFor(analystName, Accounts.Password);
        var final = (await (await analystAfter.GetAsync("/api/screening-plans")).Ok()).EnumerateArray().ToList();
        Assert.DoesNotContain(final, p => RecursFrom(p, nextId));
    }

    private static bool RecursFrom(JsonElement plan, Guid planId) =>
        plan.TryGetProperty("recurrenceOf", out var of) && of.ValueKind == JsonValueKind.String && of.GetGuid() == planId;
}

public sealed class HazardApiTests_Sqlite(ClockedSqliteFactory app) : HazardApiTests(app), IClassFixture<ClockedSqliteFactory>;

public sealed class HazardApiTests_Postgres(ClockedPostgresFactory app) : HazardApiTests(app), IClassFixture<ClockedPostgresFactory>;
