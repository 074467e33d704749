using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Beacon.IntegrationTests;

/// <summary>The three administrators (三员): each does their own job and none can do another's.</summary>
public abstract class AdministrationTests(BeaconFactory app)
{
    [Fact]
    public async Task Security_admin_grants_roles_and_the_user_has_them_at_once()
    {
        var name = Http.NewCode("grant");
        var id = await Accounts.Create(app, name, "DJ-LH");
        using var user = await app.ClientFor(name, Accounts.Password);
        Assert.Empty((await (await user.GetAsync("/api/me")).Ok()).GetProperty("roles").EnumerateArray());

        using var sec = await app.ClientFor("secadmin");
        var updated = await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "analyst", "leader" } })).Ok();
        Assert.Equal(["analyst", "leader"], updated.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "user-role.created" && a.EntityId == $"{id}:leader")));

        // The role change re-stamped the account; a new sign-in carries the roles.
        app.Forget(name);
        using var again = await app.ClientFor(name, Accounts.Password);
        var me = await (await again.GetAsync("/api/me")).Ok();
        Assert.Contains("units.read", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task No_account_may_hold_two_administrator_roles()
    {
        var id = await Accounts.Create(app, Http.NewCode("two"), "DJ");
        using var sec = await app.ClientFor("secadmin");
        var p = await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "system-admin", "audit-admin" } })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("more than one administrator", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "system-admin", "leader" } })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await app.AsSystem(db => db.UserRoles.CountAsync(r => r.UserId == id)));
    }

    [Fact]
    public async Task Administrators_cannot_grant_themselves_roles()
    {
        using var sec = await app.ClientFor("secadmin");
        var me = await (await sec.GetAsync("/api/me")).Ok();
        var p = await (await sec.PutAsJsonAsync($"/api/users/{me.GetProperty("id").GetGuid()}/roles", new { roles = new[] { "security-admin", "leader" } }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("your own roles", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task System_admin_cannot_grant_roles_and_security_admin_cannot_open_accounts()
    {
        var id = await Accounts.Create(app, Http.NewCode("sep"), "DJ-SY");
        using var sys = await app.ClientFor("sysadmin");
        await (await sys.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "leader" } })).Problem(HttpStatusCode.Forbidden);
        await (await sys.GetAsync("/api/security/policy")).Problem(HttpStatusCode.Forbidden);
        await (await sys.GetAsync("/api/audit/verify")).Problem(HttpStatusCode.Forbidden);

        using var sec = await app.ClientFor("secadmin");
        await (await sec.PostAsJsonAsync("/api/users", new { userName = Http.NewCode("nope"), displayName = "x", unitId = await app.UnitId("DJ"), password = Accounts.Password }))
            .Problem(HttpStatusCode.Forbidden);
        await (await sec.PostAsJsonAsync("/api/units", new { code = Http.NewCode("nope"), nameZh = "x", kind = "department", parentId = await app.UnitId("DJ") }))
            .Problem(HttpStatusCode.Forbidden);

        using var audit = await app.ClientFor("auditadmin");
        await (await audit.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "leader" } })).Problem(HttpStatusCode.Forbidden);
        await (await audit.GetAsync("/api/users")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Security_policy_changes_apply_to_new_passwords_and_bad_values_are_refused()
    {
        using var sec = await app.ClientFor("secadmin");
        var original = await (await sec.GetAsync("/api/security/policy")).Ok();
        Assert.Equal(8, original.GetProperty("passwordMinLength").GetInt32());
        Assert.Equal(5, original.GetProperty("lockoutThreshold").GetInt32());
        Assert.Equal(15, original.GetProperty("lockoutMinutes").GetInt32());
        Assert.Equal(30, original.GetProperty("idleTimeoutMinutes").GetInt32());

        var bad = await (await sec.PutAsJsonAsync("/api/security/policy", new
        {
            passwordMinLength = 3,
            passwordMinCharacterClasses = 9,
            lockoutThreshold = 5,
            lockoutMinutes = 15,
            idleTimeoutMinutes = 30,
            requireTwoFactorForAdministrators = false,
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("passwordMinLength", out _));

        try
        {
            await (await sec.PutAsJsonAsync("/api/security/policy", new
            {
                passwordMinLength = 12,
                passwordMinCharacterClasses = 3,
                lockoutThreshold = 5,
                lockoutMinutes = 15,
                idleTimeoutMinutes = 30,
                requireTwoFactorForAdministrators = false,
            })).Ok();
            using var sys = await app.ClientFor("sysadmin");
            var p = await (await sys.PostAsJsonAsync("/api/users", new { userName = Http.NewCode("pw"), displayName = "x", unitId = await app.UnitId("DJ"), password = "Short#123" }))
                .Problem(HttpStatusCode.BadRequest);
            Assert.Contains("at least 12 characters", p.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await (await sec.PutAsJsonAsync("/api/security/policy", new
            {
                passwordMinLength = 8,
                passwordMinCharacterClasses = 3,
                lockoutThreshold = 5,
                lockoutMinutes = 15,
                idleTimeoutMinutes = 30,
                requireTwoFactorForAdministrators = false,
            })).Ok();
        }
    }

    [Fact]
    public async Task Weak_initial_password_is_refused_with_each_rule_named()
    {
        using var sys = await app.ClientFor("sysadmin");
        var name = Http.NewCode("weak");
        var p = await (await sys.PostAsJsonAsync("/api/users", new { userName = name, displayName = "x", unitId = await app.UnitId("DJ"), password = "abc" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(2, p.GetProperty("errors").GetProperty("password").GetArrayLength());
        Assert.False(await app.AsSystem(db => db.Users.AnyAsync(u => u.UserName == name)));
    }

    [Fact]
    public async Task Duplicate_user_name_is_409()
    {
        using var sys = await app.ClientFor("sysadmin");
        await (await sys.PostAsJsonAsync("/api/users", new { userName = "duty", displayName = "x", unitId = await app.UnitId("DJ"), password = Accounts.Password }))
            .Problem(HttpStatusCode.Conflict);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdministrationTests_Sqlite(SqliteFactory app) : AdministrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AdministrationTests_Postgres(PostgresFactory app) : AdministrationTests(app);
