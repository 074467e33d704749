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
    public async Task A_county_security_administrator_cannot_change_the_policy_that_binds_the_province()
    {
        var name = Http.NewCode("county-sec");
        await Accounts.Create(app, name, "DJ-SY-BH", "security-admin");
        using var county = await app.ClientFor(name, Accounts.Password);
        var before = await (await county.GetAsync("/api/security/policy")).Ok();
        await (await county.PutAsJsonAsync("/api/security/policy", Policy(minLength: 8, classes: 3, twoFactorForAdmins: true))).Problem(HttpStatusCode.Forbidden);
        var after = await (await county.GetAsync("/api/security/policy")).Ok();
        Assert.Equal(before.GetProperty("requireTwoFactorForAdministrators").GetBoolean(), after.GetProperty("requireTwoFactorForAdministrators").GetBoolean());
        Assert.False(after.GetProperty("requireTwoFactorForAdministrators").GetBoolean());
    }

    [Fact]
    public async Task The_security_administrator_cannot_move_the_audit_role()
    {
        using var sec = await app.ClientFor("secadmin");
        var auditAdminId = await app.AsSystem(db => db.Users.Where(u => u.UserName == "auditadmin").Select(u => u.Id).SingleAsync());
        // Withdrawn from the audit administrator: refused, the role stays.
        await (await sec.PutAsJsonAsync($"/api/users/{auditAdminId}/roles", new { roles = Array.Empty<string>() })).Problem(HttpStatusCode.Forbidden);
        using var audit = await app.ClientFor("auditadmin");
        await (await audit.GetAsync("/api/audit/verify")).Ok();

        // Handed to an ordinary account: refused, the account reads no audit trail.
        var name = Http.NewCode("mole");
        var id = await Accounts.Create(app, name, "DJ-LH");
        await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "audit-admin" } })).Problem(HttpStatusCode.Forbidden);
        using var mole = await app.ClientFor(name, Accounts.Password);
        await (await mole.GetAsync("/api/audit/verify")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_county_security_administrator_cannot_make_a_colleague_a_security_administrator()
    {
        var name = Http.NewCode("county-sec");
        await Accounts.Create(app, name, "DJ-SY-BH", "security-admin");
        var colleague = await Accounts.Create(app, Http.NewCode("colleague"), "DJ-SY-BH");
        using var county = await app.ClientFor(name, Accounts.Password);
        await (await county.PutAsJsonAsync($"/api/users/{colleague}/roles", new { roles = new[] { "security-admin" } })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.AsSystem(db => db.UserRoles.CountAsync(r => r.UserId == colleague)));
    }

    [Fact]
    public async Task An_audit_role_granted_from_above_is_told_to_every_audit_administrator_and_recorded()
    {
        var name = Http.NewCode("city-audit");
        var id = await Accounts.Create(app, name, "DJ-LH", "audit-admin");
        using var cityAudit = await app.ClientFor(name, Accounts.Password);
        await (await cityAudit.GetAsync("/api/audit/verify")).Ok();
        var auditAdminId = await app.AsSystem(db => db.Users.Where(u => u.UserName == "auditadmin").Select(u => u.Id).SingleAsync());
        Assert.True(await app.AsSystem(db => db.Notifications.AnyAsync(n => n.RecipientUserId == auditAdminId && n.Topic == "user.admin-role-changed"
            && n.SubjectId == id.ToString())));
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "user.admin-role-granted" && a.EntityId == id.ToString()
            && a.Actor == "auditadmin")));
    }

    [Fact]
    public async Task The_first_administrators_come_from_the_command_line_at_the_top_unit_only()
    {
        var name = Http.NewCode("first-sec");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Beacon.Platform.Common.CurrentActor>().SetSystem("cli");
            var db = scope.ServiceProvider.GetRequiredService<Beacon.Platform.Data.BeaconDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Beacon.Platform.Identity.BeaconUser>>();
            var made = await Beacon.Platform.Identity.Features.InitAdministrator.Handle(new(name, null, Accounts.Password, "security-admin", "DJ", null), db, users, default);
            Assert.False(made.UnitCreated);
            // Below the top unit the command refuses: lower administrators are granted from above.
            await Assert.ThrowsAsync<Beacon.Platform.Common.DomainException>(() => Beacon.Platform.Identity.Features.InitAdministrator.Handle(
                new(Http.NewCode("low-sec"), null, Accounts.Password, "security-admin", "DJ-LH", null), db, users, default));
        }
        using var first = await app.ClientFor(name, Accounts.Password);
        await (await first.GetAsync("/api/security/policy")).Ok();
        Assert.True(await app.AsSystem(db => db.AuditEntries.AnyAsync(a => a.Action == "user.admin-initialized" && a.Actor == "cli")));

        // A signed-in user is never the command line.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var actor = scope.ServiceProvider.GetRequiredService<Beacon.Platform.Common.CurrentActor>();
            actor.SetUser(Guid.NewGuid(), "secadmin", await app.UnitId("DJ"), "/", ["security-admin"]);
            var db = scope.ServiceProvider.GetRequiredService<Beacon.Platform.Data.BeaconDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Beacon.Platform.Identity.BeaconUser>>();
            await Assert.ThrowsAsync<Beacon.Platform.Common.ForbiddenException>(() => Beacon.Platform.Identity.Features.InitAdministrator.Handle(
                new(Http.NewCode("ui-sec"), null, Accounts.Password, "security-admin", "DJ", null), db, users, default));
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
