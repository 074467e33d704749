using System.Net;
using System.Net.Http.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests;

/// <summary>The three administrators (三员): each does their own job and none can do another's.</summary>
public abstract class AdministrationTests(BeaconFactory app)
{
    private static object Policy(int minLength = 8, int classes = 3, bool twoFactorForAdmins = false) => new
    {
        passwordMinLength = minLength,
        passwordMinCharacterClasses = classes,
        lockoutThreshold = 5,
        lockoutMinutes = 15,
        idleTimeoutMinutes = 30,
        requireTwoFactorForAdministrators = twoFactorForAdmins,
    };

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

        // Roles are read from the database on every request: the token issued before the grant carries them now.
        var me = await (await user.GetAsync("/api/me")).Ok();
        Assert.Equal(["analyst", "leader"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("units.read", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = Array.Empty<string>() })).Ok();
        Assert.Empty((await (await user.GetAsync("/api/me")).Ok()).GetProperty("roles").EnumerateArray());
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

        var bad = await (await sec.PutAsJsonAsync("/api/security/policy", Policy(minLength: 3, classes: 9, twoFactorForAdmins: false))).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("passwordMinLength", out _));

        try
        {
            await (await sec.PutAsJsonAsync("/api/security/policy", Policy(minLength: 12, classes: 3, twoFactorForAdmins: false))).Ok();
            using var sys = await app.ClientFor("sysadmin");
            var p = await (await sys.PostAsJsonAsync("/api/users", new { userName = Http.NewCode("pw"), displayName = "x", unitId = await app.UnitId("DJ"), password = "Short#123" }))
                .Problem(HttpStatusCode.BadRequest);
            Assert.Contains("at least 12 characters", p.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await (await sec.PutAsJsonAsync("/api/security/policy", Policy(minLength: 8, classes: 3, twoFactorForAdmins: false))).Ok();
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
    public async Task System_admin_cannot_take_over_the_other_administrators_accounts()
    {
        var secAdmin = await app.AsSystem(db => db.Users.Where(u => u.UserName == "secadmin").Select(u => u.Id).SingleAsync());
        var auditAdmin = await app.AsSystem(db => db.Users.Where(u => u.UserName == "auditadmin").Select(u => u.Id).SingleAsync());
        using var sys = await app.ClientFor("sysadmin");
        var p = await (await sys.PostAsJsonAsync($"/api/users/{secAdmin}/password", new { newPassword = "Taken#Over123" })).Problem(HttpStatusCode.Forbidden);
        Assert.Contains("same role", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await sys.PutAsJsonAsync($"/api/users/{auditAdmin}", new { displayName = "x", unitId = await app.UnitId("DJ-SY-YL-MP"), isDisabled = true }))
            .Problem(HttpStatusCode.Forbidden);

        // Both still sign in with their own passwords, from their own unit.
        app.Forget("secadmin");
        app.Forget("auditadmin");
        using var sec = await app.ClientFor("secadmin");
        using var audit = await app.ClientFor("auditadmin");
        Assert.Equal("DJ", (await (await audit.GetAsync("/api/me")).Ok()).GetProperty("unitCode").GetString());
    }

    [Fact]
    public async Task An_administrator_of_the_same_role_above_resets_a_lower_one_and_the_trail_records_it()
    {
        var name = Http.NewCode("county-sec");
        var id = await Accounts.Create(app, name, "DJ-SY-BH", "security-admin");
        using var sec = await app.ClientFor("secadmin");
        await (await sec.PostAsJsonAsync($"/api/users/{id}/password", new { newPassword = "Reset#Pass456" })).Ok(HttpStatusCode.NoContent);

        using var anon = app.CreateClient();
        await (await anon.PostAsJsonAsync("/api/auth/token", new { username = name, password = "Reset#Pass456" })).Ok();
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "user.password-reset" && a.EntityId == id.ToString() && a.Actor == "secadmin")));
        var changed = await app.AsSystem(db => db.AuditEntries.Where(a => a.Action == "user.updated" && a.EntityId == id.ToString() && a.Summary.Contains("PasswordHash")).Select(a => a.Summary).ToListAsync());
        Assert.NotEmpty(changed);
        Assert.All(changed, s => Assert.DoesNotContain("AQAAAA", s, StringComparison.Ordinal)); // no hash material in the trail
    }

    [Fact]
    public async Task When_policy_requires_two_factor_an_administrator_without_it_gets_no_token()
    {
        using var sec = await app.ClientFor("secadmin");
        using var audit = await app.ClientFor("auditadmin");
        try
        {
            await (await sec.PutAsJsonAsync("/api/security/policy", Policy(minLength: 8, classes: 3, twoFactorForAdmins: true))).Ok();
            using var anon = app.CreateClient();
            var p = await (await anon.PostAsJsonAsync("/api/auth/token", new { username = "sysadmin", password = BeaconFactory.DemoPassword })).Problem(HttpStatusCode.Forbidden);
            Assert.Equal("Two-factor enrolment required", p.GetProperty("title").GetString());
            // A token issued before the policy changed no longer works either.
            await (await audit.GetAsync("/api/audit/verify")).Problem(HttpStatusCode.Unauthorized);
            // Business roles are not affected.
            await (await anon.PostAsJsonAsync("/api/auth/token", new { username = "leader", password = BeaconFactory.DemoPassword })).Ok();
        }
        finally
        {
            // The security administrator is an administrator too and now has no token: switch the rule off in the database.
            await app.AsSystem(async db =>
            {
                var policy = await db.SecurityPolicies.SingleAsync();
                policy.Update(8, 3, 5, 15, 30, false);
                await db.SaveChangesAsync();
                return 0;
            });
            app.Services.GetRequiredService<Beacon.Platform.Identity.SecurityPolicyProvider>().Invalidate();
            app.Forget("auditadmin");
        }
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
