using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>Control characters and direction overrides are refused as field errors, and nothing is stored.</summary>
public abstract class StoredTextTests(BeaconFactory app)
{
    [Theory]
    [InlineData("应急\u202E局")]   // right-to-left override: the name would read differently from what it is
    [InlineData("应急\u2066局")]   // left-to-right isolate
    [InlineData("应急\u0000局")]   // NUL
    [InlineData("应急\u0007局")]   // BEL
    [InlineData("应急\n局")]       // a unit's name is one line
    public async Task A_unit_name_with_a_control_character_is_refused_and_no_unit_is_created(string name)
    {
        using var sys = await app.ClientFor("sysadmin");
        var code = Http.NewCode("ctl");
        var p = await (await sys.PostAsJsonAsync("/api/units", new { code, nameZh = name, kind = "department", parentId = await app.UnitId("DJ-LH") }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("U+", p.GetProperty("errors").GetProperty("nameZh")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.AsSystem(db => db.Units.AnyAsync(u => u.Code == code)));
    }

    [Fact]
    public async Task A_display_name_with_nul_is_refused_and_no_account_is_opened()
    {
        using var sys = await app.ClientFor("sysadmin");
        var userName = Http.NewCode("nul");
        var p = await (await sys.PostAsJsonAsync("/api/users", new { userName, displayName = "王\u0000五", unitId = await app.UnitId("DJ-LH"), password = Accounts.Password }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("displayName", out _));
        Assert.False(await app.AsSystem(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+08:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    public async Task A_report_dated_outside_2000_to_2100_is_a_field_error_and_nothing_is_filed(string occurredAt)
    {
        using var reporter = await app.ClientFor("reporter");
        var place = Http.NewCode("远古");
        var p = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt,
            learnedAt = DateTimeOffset.UtcNow,
            place,
            peopleAffected = 1,
            deaths = 0,
            injuries = 0,
            missing = 0,
            cause = "x",
            unitsInvolved = "x",
            measuresTaken = "x",
            measuresPlanned = "x",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("2000", p.GetProperty("errors").GetProperty("occurredAt")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.AsSystem(db => db.Set<Beacon.Reports.Domain.Report>().AnyAsync(r => r.Place == place)));
    }

    [Fact]
    public async Task A_plain_name_is_stored_as_given()
    {
        using var sys = await app.ClientFor("sysadmin");
        var code = Http.NewCode("ok");
        await (await sys.PostAsJsonAsync("/api/units", new { code, nameZh = "应急管理局（东区）", kind = "department", parentId = await app.UnitId("DJ-LH") }))
            .Ok(HttpStatusCode.Created);
        Assert.Equal("应急管理局（东区）", await app.AsSystem(db => db.Units.Where(u => u.Code == code).Select(u => u.NameZh).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredTextTests_Sqlite(SqliteFactory app) : StoredTextTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StoredTextTests_Postgres(PostgresFactory app) : StoredTextTests(app);
