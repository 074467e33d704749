using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;

namespace Beacon.Platform.Tests.Identity;

public class SecurityRulesTests
{
    [Theory]
    [InlineData("Abcdef1!", 0)]
    [InlineData("abcdef12", 1)]   // two classes
    [InlineData("Ab1!", 1)]       // too short
    [InlineData("abc", 2)]        // short and one class
    [InlineData("ABCdef123", 0)]
    [InlineData("密码Abc12345", 0)]
    public void Default_policy_wants_eight_characters_of_three_classes(string password, int problems) =>
        Assert.Equal(problems, SecurityPolicy.Default().CheckPassword(password).Count);

    [Fact]
    public void Policy_update_rejects_out_of_range_values_and_keeps_the_old_ones()
    {
        var policy = SecurityPolicy.Default();
        var ex = Assert.Throws<RequestValidationException>(() => policy.Update(4, 5, 0, 15, 30, false));
        Assert.Contains("passwordMinLength", ex.Errors.Keys);
        Assert.Contains("passwordMinCharacterClasses", ex.Errors.Keys);
        Assert.Contains("lockoutThreshold", ex.Errors.Keys);
        Assert.Equal(8, policy.PasswordMinLength);
        Assert.Equal(5, policy.LockoutThreshold);
    }

    [Fact]
    public void Stricter_policy_applies_to_passwords()
    {
        var policy = SecurityPolicy.Default();
        policy.Update(12, 4, 3, 30, 10, true);
        Assert.NotEmpty(policy.CheckPassword("Abcdef12!"));
        Assert.Empty(policy.CheckPassword("Abcdefgh123!"));
    }

    [Fact]
    public void An_account_holds_at_most_one_administrator_role()
    {
        var ex = Assert.Throws<DomainException>(() => RoleRules.EnsureValidSet([Roles.SystemAdmin, Roles.AuditAdmin]));
        Assert.Contains("more than one administrator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrator_account_holds_no_business_role() =>
        Assert.Throws<DomainException>(() => RoleRules.EnsureValidSet([Roles.SecurityAdmin, Roles.Leader]));

    [Fact]
    public void Business_roles_combine() =>
        RoleRules.EnsureValidSet([Roles.DutyOfficer, Roles.Analyst, Roles.Leader]);

    [Fact]
    public void Nobody_changes_their_own_roles()
    {
        var me = Guid.NewGuid();
        Assert.Throws<DomainException>(() => RoleRules.EnsureMayAssign(me, me, [Roles.DutyOfficer]));
        RoleRules.EnsureMayAssign(me, Guid.NewGuid(), [Roles.DutyOfficer]);
    }

    [Theory]
    [InlineData(new[] { Roles.SystemAdmin }, new[] { Roles.Leader }, true)]
    [InlineData(new[] { Roles.SystemAdmin }, new string[0], true)]
    [InlineData(new[] { Roles.SystemAdmin }, new[] { Roles.SystemAdmin }, true)]
    [InlineData(new[] { Roles.SystemAdmin }, new[] { Roles.SecurityAdmin }, false)]
    [InlineData(new[] { Roles.SystemAdmin }, new[] { Roles.AuditAdmin }, false)]
    [InlineData(new[] { Roles.SecurityAdmin }, new[] { Roles.SecurityAdmin }, true)]
    [InlineData(new[] { Roles.SecurityAdmin }, new[] { Roles.Leader }, false)]
    [InlineData(new[] { Roles.AuditAdmin }, new[] { Roles.AuditAdmin }, true)]
    [InlineData(new[] { Roles.Leader }, new[] { Roles.DutyOfficer }, false)]
    public void Administrator_accounts_are_managed_only_by_the_same_role(string[] actor, string[] target, bool allowed)
    {
        var ex = Record.Exception(() => RoleRules.EnsureMayManageAccount(actor, target));
        if (allowed)
        {
            Assert.Null(ex);
        }
        else
        {
            Assert.IsType<ForbiddenException>(ex);
        }
    }

    [Fact]
    public void Unknown_roles_are_named() =>
        Assert.Contains("root", Assert.Throws<DomainException>(() => RoleRules.EnsureValidSet(["root"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Each_administrator_does_only_their_own_job()
    {
        Assert.True(Permissions.Grants([Roles.SystemAdmin], Permissions.UnitsManage));
        Assert.False(Permissions.Grants([Roles.SystemAdmin], Permissions.RolesAssign));
        Assert.False(Permissions.Grants([Roles.SystemAdmin], Permissions.AuditRead));
        Assert.True(Permissions.Grants([Roles.SecurityAdmin], Permissions.RolesAssign));
        Assert.False(Permissions.Grants([Roles.SecurityAdmin], Permissions.UsersManage));
        Assert.True(Permissions.Grants([Roles.AuditAdmin], Permissions.AuditRead));
        Assert.False(Permissions.Grants([Roles.AuditAdmin], Permissions.UnitsManage));
        Assert.False(Permissions.Grants([Roles.Leader, Roles.DutyOfficer], Permissions.UnitsManage));
    }
}
