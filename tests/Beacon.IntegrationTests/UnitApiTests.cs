using System.Net;
using System.Net.Http.Json;
using System.Text;
using Beacon.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

public abstract class UnitApiTests(BeaconFactory app)
{
    private Task<(int Units, int Audit)> Counts() =>
        app.AsSystem(async db => (await db.Units.CountAsync(), await db.AuditEntries.CountAsync()));

    [Fact]
    public async Task System_admin_creates_a_unit_and_the_trail_records_it()
    {
        using var sys = await app.ClientFor("sysadmin");
        var code = Http.NewCode("DJ-LH-AN-FR");
        var parent = await app.UnitId("DJ-LH-AN");
        var response = await sys.PostAsJsonAsync("/api/units", new { code, nameZh = "安宁县消防救援大队", nameEn = "Anning Fire Brigade", kind = "department", parentId = parent });
        var created = await response.Ok(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/units/{id}", response.Headers.Location?.ToString());
        Assert.Equal(3, created.GetProperty("depth").GetInt32());

        var read = await (await sys.GetAsync($"/api/units/{id}")).Ok();
        Assert.Equal("安宁县消防救援大队", read.GetProperty("nameZh").GetString());

        var entry = await app.AsSystem(db => db.AuditEntries.SingleAsync(a => a.Action == "unit.created" && a.EntityId == id.ToString()));
        Assert.Equal("sysadmin", entry.Actor);
        Assert.Contains("安宁县消防救援大队", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_unit_carries_its_subtree()
    {
        using var sys = await app.ClientFor("sysadmin");
        var dept = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("mv"), nameZh = "临时指挥部", kind = "department", parentId = await app.UnitId("DJ-LH") })).Ok(HttpStatusCode.Created);
        var deptId = dept.GetProperty("id").GetGuid();
        var child = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("mvc"), nameZh = "综合组", kind = "department", parentId = deptId })).Ok(HttpStatusCode.Created);

        var target = await app.UnitId("DJ-SY-BH");
        var moved = await (await sys.PutAsJsonAsync($"/api/units/{deptId}", new { code = dept.GetProperty("code").GetString(), nameZh = "临时指挥部", parentId = target })).Ok();
        Assert.Equal(target, moved.GetProperty("parentId").GetGuid());

        // The child now lies in 白河县's subtree: a 白河县 user sees it.
        var name = Http.NewCode("bh");
        await Accounts.Create(app, name, "DJ-SY-BH", "duty-officer");
        using var bh = await app.ClientFor(name, Accounts.Password);
        var seen = await (await bh.GetAsync($"/api/units/{child.GetProperty("id").GetGuid()}")).Ok();
        Assert.Equal(4, seen.GetProperty("depth").GetInt32()); // province 0, city 1, county 2, dept 3, child 4
    }

    [Fact]
    public async Task Unknown_parent_is_refused_and_changes_nothing()
    {
        using var sys = await app.ClientFor("sysadmin");
        var before = await Counts();
        var p = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("u"), nameZh = "x", kind = "department", parentId = Guid.NewGuid() }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.True(p.GetProperty("errors").TryGetProperty("parentId", out _));
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused_and_changes_nothing()
    {
        using var sys = await app.ClientFor("sysadmin");
        var county = await app.UnitId("DJ-SY-YL");
        var township = await app.UnitId("DJ-SY-YL-MP");
        var before = await Counts();
        var p = await (await sys.PutAsJsonAsync($"/api/units/{county}", new { code = "DJ-SY-YL", nameZh = "云岭县", parentId = township }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("under itself", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Counts());
        Assert.Equal(await app.UnitId("DJ-SY"), await app.AsSystem(db => db.Units.Where(u => u.Id == county).Select(u => u.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Duplicate_code_is_409_and_changes_nothing()
    {
        using var sys = await app.ClientFor("sysadmin");
        var before = await Counts();
        var p = await (await sys.PostAsJsonAsync("/api/units", new { code = "DJ-LH-AN", nameZh = "重复", kind = "department", parentId = await app.UnitId("DJ-LH") }))
            .Problem(HttpStatusCode.Conflict);
        Assert.Contains("DJ-LH-AN", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Missing_fields_are_each_named()
    {
        using var sys = await app.ClientFor("sysadmin");
        var before = await Counts();
        var p = await (await sys.PostAsJsonAsync("/api/units", new { nameEn = "only english" })).Problem(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _));
        Assert.True(errors.TryGetProperty("nameZh", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
        var badKind = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("k"), nameZh = "x", kind = "galaxy", parentId = await app.UnitId("DJ") }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("province", badKind.GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Wrong_level_is_refused_with_the_reason()
    {
        using var sys = await app.ClientFor("sysadmin");
        var p = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("lvl"), nameZh = "错层县", kind = "county", parentId = await app.UnitId("DJ") }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("directly under a city", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_answers_in_chinese_when_asked()
    {
        using var sys = await app.ClientFor("sysadmin");
        sys.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var p = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("zh"), nameZh = "错层县", kind = "county", parentId = await app.UnitId("DJ") }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("县（区）必须直属于市，不能设在省之下。", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_and_changes_nothing()
    {
        using var sys = await app.ClientFor("sysadmin");
        var before = await Counts();
        using var content = new StringContent("{\"code\": \"x\", \"nameZh\": ", Encoding.UTF8, "application/json");
        await (await sys.PostAsync("/api/units", content)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Oversized_body_is_413_problem_and_changes_nothing()
    {
        using var sys = await app.ClientFor("sysadmin");
        var before = await Counts();
        var huge = new string('x', 2 * 1024 * 1024);
        using var content = new StringContent($"{{\"code\":\"big\",\"nameZh\":\"{huge}\",\"kind\":\"department\"}}", Encoding.UTF8, "application/json");
        await (await sys.PostAsync("/api/units", content)).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Business_roles_cannot_change_units()
    {
        using var leader = await app.ClientFor("leader");
        await (await leader.PostAsJsonAsync("/api/units", new { code = Http.NewCode("f"), nameZh = "x", kind = "department", parentId = await app.UnitId("DJ-LH") }))
            .Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Empty_unit_can_be_deleted_but_one_with_subunits_cannot()
    {
        using var sys = await app.ClientFor("sysadmin");
        var created = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("del"), nameZh = "待删除", kind = "enterprise", parentId = await app.UnitId("DJ-SY") })).Ok(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await (await sys.DeleteAsync($"/api/units/{id}")).Ok(HttpStatusCode.NoContent);
        await (await sys.GetAsync($"/api/units/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "unit.deleted" && a.EntityId == id.ToString())));

        await (await sys.DeleteAsync($"/api/units/{await app.UnitId("DJ-SY")}")).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Export_csv_and_xlsx_list_the_callers_subtree()
    {
        using var reporter = await app.ClientFor("reporter");
        var csv = await reporter.GetStringAsync("/api/units/export.csv");
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("code,name_zh,name_en,kind,parent_code", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("DJ-LH-AN-CG,城关镇,Chengguan Town,township,", lines[1], StringComparison.Ordinal);

        var bytes = await reporter.GetByteArrayAsync("/api/units/export.xlsx");
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet(1);
        Assert.Equal("code", sheet.Cell(1, 1).GetString());
        Assert.Equal("东门社区", sheet.Cell(3, 2).GetString());
        Assert.Equal("DJ-LH-AN-CG", sheet.Cell(3, 5).GetString());
    }

    [Fact]
    public async Task Crossed_moves_at_the_same_time_cannot_make_a_cycle()
    {
        using var sys = await app.ClientFor("sysadmin");
        var city = await app.UnitId("DJ-SY");
        var a = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("ca"), nameZh = "甲", kind = "department", parentId = city })).Ok(HttpStatusCode.Created);
        var b = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("cb"), nameZh = "乙", kind = "department", parentId = city })).Ok(HttpStatusCode.Created);
        Guid aId = a.GetProperty("id").GetGuid(), bId = b.GetProperty("id").GetGuid();

        var results = await Task.WhenAll(
            sys.PutAsJsonAsync($"/api/units/{aId}", new { code = a.GetProperty("code").GetString(), nameZh = "甲", parentId = bId }),
            sys.PutAsJsonAsync($"/api/units/{bId}", new { code = b.GetProperty("code").GetString(), nameZh = "乙", parentId = aId }));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        var units = await app.AsSystem(db => db.Units.Where(u => u.Id == aId || u.Id == bId).ToListAsync());
        Assert.Single(units, u => u.ParentId == city);
        var child = units.Single(u => u.ParentId != city);
        var parent = units.Single(u => u.ParentId == city);
        Assert.StartsWith(parent.Path, child.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_admin_exports_and_reimports_its_own_subtree_unchanged()
    {
        const string name = "an-sysadmin";
        if (!await app.AsSystem(db => db.Users.AnyAsync(u => u.UserName == name)))
        {
            await Accounts.Create(app, name, "DJ-LH-AN", "system-admin");
        }
        using var admin = await app.ClientFor(name, Accounts.Password);
        var csv = await admin.GetByteArrayAsync("/api/units/export.csv");
        var count = (await (await admin.GetAsync("/api/units")).Ok()).GetArrayLength();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "units.csv" } };
        var result = await (await admin.PostAsync("/api/units/import", form)).Ok();
        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(count, result.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task Names_that_look_like_formulas_are_exported_as_text()
    {
        using var sys = await app.ClientFor("sysadmin");
        var code = Http.NewCode("fx");
        await (await sys.PostAsJsonAsync("/api/units", new { code, nameZh = "=HYPERLINK(\"x\")", kind = "enterprise", parentId = await app.UnitId("DJ-SY") })).Ok(HttpStatusCode.Created);
        var csv = await sys.GetStringAsync("/api/units/export.csv");
        Assert.Contains($"{code},\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_one_bad_row_creates_nothing_and_names_the_row()
    {
        using var sys = await app.ClientFor("sysadmin");
        var a = Http.NewCode("imp");
        var before = await Counts();
        var csv = $"code,name_zh,name_en,kind,parent_code\n{a},导入部门,,department,DJ-SY\n{a}-1,导入下级,,department,{a}\n{a}-2,坏行,,planet,{a}\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "units.csv" } };
        var p = await (await sys.PostAsync("/api/units/import", form)).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("kind must be one of", p.GetProperty("errors").GetProperty("row 4")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Import_xlsx_creates_parents_before_children()
    {
        using var sys = await app.ClientFor("sysadmin");
        var a = Http.NewCode("xl");
        using var book = new XLWorkbook();
        var s = book.Worksheets.Add("units");
        string[][] rows = [["code", "name_zh", "name_en", "kind", "parent_code"], [a, "导入企业", "Imported Co.", "enterprise", "DJ-SY-YL"], [$"{a}-1", "安全部", "", "department", a]];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                s.Cell(r + 1, c + 1).SetValue(rows[r][c]);
            }
        }
        using var ms = new MemoryStream();
        book.SaveAs(ms);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(ms.ToArray()), "file", "units.xlsx" } };
        var result = await (await sys.PostAsync("/api/units/import", form)).Ok();
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        var child = await app.AsSystem(db => db.Units.SingleAsync(u => u.Code == a + "-1"));
        Assert.Equal(await app.UnitId(a), child.ParentId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitApiTests_Sqlite(SqliteFactory app) : UnitApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UnitApiTests_Postgres(PostgresFactory app) : UnitApiTests(app);
