using Beacon.Platform.Common;

namespace Beacon.Platform.Identity.Domain;

/// <summary>The organisation's password, lockout and session rules, edited by the security administrator.</summary>
public sealed class SecurityPolicy
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public int PasswordMinLength { get; private set; } = 8;
    public int PasswordMinCharacterClasses { get; private set; } = 3;
    public int LockoutThreshold { get; private set; } = 5;
    public int LockoutMinutes { get; private set; } = 15;
    public int IdleTimeoutMinutes { get; private set; } = 30;
    public bool RequireTwoFactorForAdministrators { get; private set; }

    public static SecurityPolicy Default() => new();

    public void Update(int passwordMinLength, int passwordMinCharacterClasses, int lockoutThreshold, int lockoutMinutes,
        int idleTimeoutMinutes, bool requireTwoFactorForAdministrators)
    {
        var v = new Validator()
            .Check(passwordMinLength is >= 8 and <= 128, "passwordMinLength", "Minimum password length must be between 8 and 128.")
            .Check(passwordMinCharacterClasses is >= 1 and <= 4, "passwordMinCharacterClasses", "Character classes must be between 1 and 4.")
            .Check(lockoutThreshold is >= 1 and <= 100, "lockoutThreshold", "Failed logins before lockout must be between 1 and 100.")
            .Check(lockoutMinutes is >= 1 and <= 1440, "lockoutMinutes", "Lockout duration must be between 1 and 1440 minutes.")
            .Check(idleTimeoutMinutes is >= 1 and <= 1440, "idleTimeoutMinutes", "Idle timeout must be between 1 and 1440 minutes.");
        v.ThrowIfInvalid();
        PasswordMinLength = passwordMinLength;
        PasswordMinCharacterClasses = passwordMinCharacterClasses;
        LockoutThreshold = lockoutThreshold;
        LockoutMinutes = lockoutMinutes;
        IdleTimeoutMinutes = idleTimeoutMinutes;
        RequireTwoFactorForAdministrators = requireTwoFactorForAdministrators;
    }

    /// <summary>Returns each broken rule as a message; empty when the password is acceptable.</summary>
    public IReadOnlyList<string> CheckPassword(string? password)
    {
        var problems = new List<string>();
        password ??= "";
        if (password.Length < PasswordMinLength)
        {
            problems.Add($"The password must be at least {PasswordMinLength} characters long.");
        }
        var classes = CharacterClasses(password);
        if (classes < PasswordMinCharacterClasses)
        {
            problems.Add($"The password must mix at least {PasswordMinCharacterClasses} of: lower-case letters, upper-case letters, digits, symbols (it has {classes}).");
        }
        return problems;
    }

    public static int CharacterClasses(string password)
    {
        bool lower = false, upper = false, digit = false, other = false;
        foreach (var c in password)
        {
            if (char.IsLower(c)) lower = true;
            else if (char.IsUpper(c)) upper = true;
            else if (char.IsDigit(c)) digit = true;
            else other = true;
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
