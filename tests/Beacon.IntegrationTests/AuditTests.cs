using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Web;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

public abstract class AuditTests(BeaconFactory app)
{
    protected abstract Task TamperAsync(long sequence, string newSummary, string oldSummary);
    protected abstract string UpdateSql { get; }

    [Fact]
    public async Task Verify_reports_an_intact_chain()
    {
        using var audit = await app.ClientFor("auditadmin");
        var result = await (await audit.GetAsync("/api/audit/verify")).Ok();
        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.True(result.GetProperty("entries").GetInt64() > 50); // the demo seed alone writes more
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("firstBrokenSequence").ValueKind);
    }

    [Fact]
    public async Task Audit_admin_reads_entries_newest_first()
    {
        using var audit = await app.ClientFor("auditadmin");
        var page = await (await audit.GetAsync("/api/audit?take=5&action=unit.")).Ok();
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.StartsWith("unit.", i.GetProperty("action").GetString(), StringComparison.Ordinal));
        Assert.True(items[0].GetProperty("sequence").GetInt64() > items[4].GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Editing_one_row_in_the_database_is_found_by_verification()
    {
        var victim = await app.AsSystem(db => db.AuditEntries.OrderBy(a => a.Sequence).Skip(10).FirstAsync());
        await TamperAsync(victim.Sequence, victim.Summary.Replace("Province", "Provinz", StringComparison.Ordinal) + " ", victim.Summary);
        try
        {
            using var audit = await app.ClientFor("auditadmin");
            var result = await (await audit.GetAsync("/api/audit/verify")).Ok();
            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Equal(victim.Sequence, result.GetProperty("firstBrokenSequence").GetInt64());

            Assert.Equal(2, await BeaconCli.Parse(["audit", "verify"]).RunAsync(app.Services));
        }
        finally
        {
            await TamperAsync(victim.Sequence, victim.Summary, victim.Summary);
        }
        Assert.Equal(0, await BeaconCli.Parse(["audit", "verify"]).RunAsync(app.Services));
    }

    [Fact]
    public async Task The_database_refuses_updates_and_deletes_of_audit_rows()
    {
        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.AsSystem(db => db.Database.ExecuteSqlRawAsync(UpdateSql)));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.AsSystem(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = 1")));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var first = await app.AsSystem(db => db.AuditEntries.SingleAsync(a => a.Sequence == 1));
        Assert.NotEqual("tampered", first.Actor);
    }

    [Fact]
    public async Task Concurrent_writers_keep_the_chain_intact()
    {
        using var sys = await app.ClientFor("sysadmin");
        var parent = await app.UnitId("DJ-SY-BH");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("par"), nameZh = $"并发部门{i}", kind = "department", parentId = parent })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        using var audit = await app.ClientFor("auditadmin");
        var result = await (await audit.GetAsync("/api/audit/verify")).Ok();
        Assert.True(result.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_county_audit_administrator_reads_only_the_countys_entries()
    {
        var name = Http.NewCode("an-audit");
        await Accounts.Create(app, name, "DJ-LH-AN", "audit-admin");
        using var sys = await app.ClientFor("sysadmin");
        var elsewhere = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("qs"), nameZh = "青石县某部门", kind = "department", parentId = await app.UnitId("DJ-LH-QS") })).Ok(HttpStatusCode.Created);
        var here = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("an"), nameZh = "安宁县某部门", kind = "department", parentId = await app.UnitId("DJ-LH-AN") })).Ok(HttpStatusCode.Created);

        using var county = await app.ClientFor(name, Accounts.Password);
        var ids = (await (await county.GetAsync("/api/audit?action=unit.created&take=500")).Ok()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("entityId").GetString()).ToList();
        Assert.Contains(here.GetProperty("id").GetString(), ids);
        Assert.DoesNotContain(elsewhere.GetProperty("id").GetString(), ids);
    }

    [Fact]
    public async Task Non_audit_roles_cannot_read_the_trail()
    {
        using var duty = await app.ClientFor("duty");
        await (await duty.GetAsync("/api/audit")).Problem(HttpStatusCode.Forbidden);
        await (await duty.GetAsync("/api/audit/verify")).Problem(HttpStatusCode.Forbidden);
    }

}

[Collection(SqliteCollection.Name)]
public sealed class AuditTests_Sqlite(SqliteFactory app) : AuditTests(app)
{
    protected override string UpdateSql => "UPDATE audit_entries SET Actor = 'tampered' WHERE Sequence = 1";

    protected override Task TamperAsync(long sequence, string newSummary, string oldSummary) =>
        app.AsSystem(async db =>
        {
            // What an intruder with file access does: drop the guard, edit, put the guard back.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET Summary = {0} WHERE Sequence = {1}", newSummary, sequence);
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;");
            return 0;
        });
}

[Collection(PostgresCollection.Name)]
public sealed class AuditTests_Postgres(PostgresFactory app) : AuditTests(app)
{
    protected override string UpdateSql => "UPDATE audit_entries SET \"Actor\" = 'tampered' WHERE \"Sequence\" = 1";

    protected override Task TamperAsync(long sequence, string newSummary, string oldSummary) =>
        app.AsSystem(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Summary\" = {0} WHERE \"Sequence\" = {1}", newSummary, sequence);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change");
            await tx.CommitAsync();
            return 0;
        });
}
