using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Beacon.IntegrationTests;

public abstract class AuthTests(BeaconFactory app)
{
    [Fact]
    public async Task Token_then_me_shows_the_unit_and_roles()
    {
        using var client = await app.ClientFor("duty");
        var me = await (await client.GetAsync("/api/me")).Ok();
        Assert.Equal("duty", me.GetProperty("userName").GetString());
        Assert.Equal("DJ-LH-AN", me.GetProperty("unitCode").GetString());
        Assert.Equal(["duty-officer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Token_response_has_access_token_and_expiry()
    {
        using var client = app.CreateClient();
        var body = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "analyst", password = BeaconFactory.DemoPassword })).Ok();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
    }

    [Theory]
    [InlineData("duty", "wrong-password")]
    [InlineData("nobody-here", "Beacon@2026")]
    public async Task Bad_credentials_get_401_problem_without_saying_which_part_was_wrong(string user, string password)
    {
        using var client = app.CreateClient();
        var problem = await (await client.PostAsJsonAsync("/api/auth/token", new { username = user, password })).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("The user name or password is incorrect, or the account is locked for a while after too many failed sign-ins.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_without_token_is_401_problem()
    {
        using var client = app.CreateClient();
        await (await client.GetAsync("/api/units")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forged_token_is_401()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-token");
        await (await client.GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var name = Http.NewCode("lock");
        await Accounts.Create(app, name, "DJ-LH-QS", "reporter");
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = "Wrong-0000" })).Problem(HttpStatusCode.Unauthorized);
        }
        var locked = await (await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = Accounts.Password })).Problem(HttpStatusCode.Unauthorized);
        // Answered as an account that does not exist is, so the answer tells no one which user names are real.
        var unknown = await (await client.PostAsJsonAsync("/api/auth/token", new { username = name + "-nobody", password = Accounts.Password }))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(unknown.GetProperty("title").GetString(), locked.GetProperty("title").GetString());
        Assert.Equal(unknown.GetProperty("detail").GetString(), locked.GetProperty("detail").GetString());

        var lockedUntil = await app.AsSystem(db => db.Users.Where(u => u.UserName == name).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "auth.locked-out")));
    }

    [Fact]
    public async Task Disabling_an_account_stops_its_existing_token()
    {
        var name = Http.NewCode("dis");
        var id = await Accounts.Create(app, name, "DJ-SY", "leader");
        using var user = await app.ClientFor(name, Accounts.Password);
        await (await user.GetAsync("/api/me")).Ok();

        using var sys = await app.ClientFor("sysadmin");
        var unitId = await app.UnitId("DJ-SY");
        await (await sys.PutAsJsonAsync($"/api/users/{id}", new { displayName = name, unitId, isDisabled = true })).Ok();

        await (await user.GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized);
        using var again = app.CreateClient();
        await (await again.PostAsJsonAsync("/api/auth/token", new { username = name, password = Accounts.Password })).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_two_factor_on_a_token_needs_the_current_code()
    {
        var name = Http.NewCode("totp");
        await Accounts.Create(app, name, "DJ-SY-BH", "handler");
        using (var user = await app.ClientFor(name, Accounts.Password))
        {
            var setup = await (await user.GetAsync("/api/me/two-factor")).Ok();
            var key = setup.GetProperty("sharedKey").GetString()!;
            Assert.StartsWith("otpauth://totp/", setup.GetProperty("authenticatorUri").GetString(), StringComparison.Ordinal);

            await (await user.PostAsJsonAsync("/api/me/two-factor", new { code = "000000" })).Problem(HttpStatusCode.BadRequest);
            var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
            await (await user.PostAsJsonAsync("/api/me/two-factor", new { code })).Ok(HttpStatusCode.NoContent);

            // Turning it on changes the security stamp: the old token is done.
            await (await user.GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized);
            app.Forget(name);

            using var anon = app.CreateClient();
            var needCode = await (await anon.PostAsJsonAsync("/api/auth/token", new { username = name, password = Accounts.Password })).Problem(HttpStatusCode.Unauthorized);
            Assert.True(needCode.GetProperty("totpRequired").GetBoolean());
            var ok = await (await anon.PostAsJsonAsync("/api/auth/token", new { username = name, password = Accounts.Password, totp = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() })).Ok();
            Assert.False(string.IsNullOrEmpty(ok.GetProperty("access_token").GetString()));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthTests_Sqlite(SqliteFactory app) : AuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthTests_Postgres(PostgresFactory app) : AuthTests(app);
