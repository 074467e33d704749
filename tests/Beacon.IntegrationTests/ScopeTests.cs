using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>A user sees and changes only their own unit's subtree; anything else does not exist for them.</summary>
public abstract class ScopeTests(BeaconFactory app)
{
    private async Task<HttpClient> CountyAdmin()
    {
        const string name = "an-sysadmin";
        if (!await app.AsSystem(db => db.Users.AnyAsync(u => u.UserName == name)))
        {
            await Accounts.Create(app, name, "DJ-LH-AN", "system-admin");
        }
        return await app.ClientFor(name, Accounts.Password);
    }

    [Fact]
    public async Task County_user_cannot_read_list_change_or_delete_a_sibling_county()
    {
        using var admin = await CountyAdmin();
        var sibling = await app.UnitId("DJ-LH-QS");
        var siblingTownship = await app.UnitId("DJ-LH-QS-LT"); // empty, so deletable by someone in scope
        var auditBefore = await app.AsSystem(db => db.AuditEntries.CountAsync());

        await (await admin.GetAsync($"/api/units/{sibling}")).Problem(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/units/{sibling}", new { code = "DJ-LH-QS", nameZh = "被改名", parentId = await app.UnitId("DJ-LH") }))
            .Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/units/{siblingTownship}")).Problem(HttpStatusCode.NotFound);

        var list = await (await admin.GetAsync("/api/units")).Ok();
        var codes = list.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList();
        Assert.Contains("DJ-LH-AN", codes);
        Assert.Contains("DJ-LH-AN-CG-01", codes);
        Assert.DoesNotContain(codes, c => c.StartsWith("DJ-LH-QS", StringComparison.Ordinal));
        Assert.DoesNotContain("DJ-LH", codes);

        var unchanged = await app.AsSystem(db => db.Units.SingleAsync(u => u.Id == sibling));
        Assert.Equal("青石县", unchanged.NameZh);
        Assert.True(await app.AsSystem(db => db.Units.AnyAsync(u => u.Id == siblingTownship)));
        // Only the reads of the county admin's own list may have happened: no write reached the trail.
        Assert.Equal(auditBefore, await app.AsSystem(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task County_user_cannot_create_under_or_move_into_a_sibling_county()
    {
        using var admin = await CountyAdmin();
        var sibling = await app.UnitId("DJ-LH-QS");
        await (await admin.PostAsJsonAsync("/api/units", new { code = Http.NewCode("x"), nameZh = "越权", kind = "department", parentId = sibling }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        var own = await app.UnitId("DJ-LH-AN-HC");
        await (await admin.PutAsJsonAsync($"/api/units/{own}", new { code = "DJ-LH-AN-HC", nameZh = "安宁县住房和城乡建设局", parentId = sibling }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(await app.UnitId("DJ-LH-AN"), await app.AsSystem(db => db.Units.Where(u => u.Id == own).Select(u => u.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task County_user_cannot_see_or_change_accounts_of_a_sibling_county()
    {
        using var admin = await CountyAdmin();
        var name = Http.NewCode("qs-user");
        var other = await Accounts.Create(app, name, "DJ-LH-QS-SQ", "reporter");

        await (await admin.GetAsync($"/api/users/{other}")).Problem(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/users/{other}", new { displayName = "x", unitId = await app.UnitId("DJ-LH-AN"), isDisabled = true }))
            .Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/users/{other}/password", new { newPassword = "Another#Pass1" })).Problem(HttpStatusCode.NotFound);
        var users = await (await admin.GetAsync("/api/users")).Ok();
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == name);
        Assert.False(await app.AsSystem(db => db.Users.Where(u => u.Id == other).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task Township_user_sees_only_its_own_subtree()
    {
        using var reporter = await app.ClientFor("reporter"); // 城关镇 under 安宁县
        var list = await (await reporter.GetAsync("/api/units")).Ok();
        var codes = list.EnumerateArray().Select(u => u.GetProperty("code").GetString()).Order().ToList();
        Assert.Equal(["DJ-LH-AN-CG", "DJ-LH-AN-CG-01", "DJ-LH-AN-CG-02"], codes);

        await (await reporter.GetAsync($"/api/units/{await app.UnitId("DJ-LH-AN-HS")}")).Problem(HttpStatusCode.NotFound);
        await (await reporter.GetAsync($"/api/units/{await app.UnitId("DJ-LH-AN")}")).Problem(HttpStatusCode.NotFound);

        var tree = await (await reporter.GetAsync("/api/units?view=tree")).Ok();
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("DJ-LH-AN-CG", root.GetProperty("code").GetString());
        Assert.Equal(2, root.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task Province_administrator_sees_the_whole_tree()
    {
        using var sys = await app.ClientFor("sysadmin");
        var list = await (await sys.GetAsync("/api/units")).Ok();
        var total = await app.AsSystem(db => db.Units.CountAsync());
        Assert.Equal(total, list.GetArrayLength());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeTests_Sqlite(SqliteFactory app) : ScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScopeTests_Postgres(PostgresFactory app) : ScopeTests(app);
