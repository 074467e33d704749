using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>What a sibling-county probe found: lists that leaked, settings a county changed for the province, extreme values.</summary>
public abstract class TrustTests(BeaconFactory app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task A_protection_period_of_one_county_is_not_listed_in_the_sibling_county()
    {
        var officeName = Http.NewCode("qs-analyst");
        await Accounts.Create(app, officeName, "DJ-LH-QS", "analyst");
        using var office = await app.ClientFor(officeName, Accounts.Password);
        var name = Http.NewCode("青石县防护期");
        var period = await (await office.PostAsJsonAsync("/api/protection-periods",
            new { name, startDay = Today, endDay = Today.AddDays(1), unitIds = new[] { await app.UnitId("DJ-LH-QS-SQ") } })).Ok(HttpStatusCode.Created);
        var id = period.GetProperty("id").GetGuid();

        // The declaring county and the city above it list it; 安宁县 neither lists nor opens it.
        Assert.Contains((await (await office.GetAsync("/api/protection-periods")).Ok()).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        using var leader = await app.ClientFor("leader");
        Assert.Contains((await (await leader.GetAsync("/api/protection-periods")).Ok()).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        using var sibling = await app.ClientFor("duty");
        var listed = await (await sibling.GetAsync("/api/protection-periods")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(name, listed, StringComparison.Ordinal);
        await (await sibling.GetAsync($"/api/protection-periods/{id}")).Problem(HttpStatusCode.NotFound);

        // A covered town reads the period it has to report under.
        var townName = Http.NewCode("sq-reporter");
        await Accounts.Create(app, townName, "DJ-LH-QS-SQ", "reporter");
        using var town = await app.ClientFor(townName, Accounts.Password);
        Assert.Contains((await (await town.GetAsync("/api/protection-periods")).Ok()).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_county_system_administrator_neither_defines_nor_retires_event_types_for_the_province()
    {
        var name = Http.NewCode("county-sys");
        await Accounts.Create(app, name, "DJ-LH-AN", "system-admin");
        using var county = await app.ClientFor(name, Accounts.Password);
        await (await county.PutAsJsonAsync("/api/event-types/accident.fire", new { nameZh = "火灾", isActive = false })).Problem(HttpStatusCode.Forbidden);
        var code = "natural.x-" + Guid.NewGuid().ToString("N")[..6];
        await (await county.PostAsJsonAsync("/api/event-types", new { code, parentCode = "natural", nameZh = "县定类型", nameEn = "x" })).Problem(HttpStatusCode.Forbidden);

        // Reporters still file fires, and no type was added.
        using var reporter = await app.ClientFor("reporter");
        var types = await (await reporter.GetAsync("/api/event-types")).Content.ReadAsStringAsync();
        Assert.Contains("accident.fire", types, StringComparison.Ordinal);
        Assert.DoesNotContain(code, types, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/duty-roster?from=9999-12-31T00:00:00Z", "from")]
    [InlineData("/api/duty-roster?from=0001-01-01T00:00:00Z", "from")]
    public async Task A_date_in_the_query_outside_2000_to_2100_is_a_field_error(string url, string field)
    {
        using var duty = await app.ClientFor("duty");
        var p = await (await duty.GetAsync(url)).Problem(HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_count_of_2147483647_people_is_refused_and_nothing_is_filed()
    {
        using var reporter = await app.ClientFor("reporter");
        var place = Http.NewCode("巨量");
        var p = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            learnedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            place,
            peopleAffected = int.MaxValue,
            deaths = int.MaxValue,
            injuries = 0,
            missing = 0,
            cause = "x",
            unitsInvolved = "x",
            measuresTaken = "x",
            measuresPlanned = "x",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("peopleAffected", out _));
        Assert.True(p.GetProperty("errors").TryGetProperty("deaths", out _));
        Assert.False(await app.AsSystem(db => db.Set<Beacon.Reports.Domain.Report>().AnyAsync(r => r.Place == place)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrustTests_Sqlite(SqliteFactory app) : TrustTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TrustTests_Postgres(PostgresFactory app) : TrustTests(app);
