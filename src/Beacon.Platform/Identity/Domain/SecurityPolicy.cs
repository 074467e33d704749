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
            .Check(passwordMinLength is >= 8 and <= 128, "passwordMinLength", Text.Get("Policy.MinLength"))
            .Check(passwordMinCharacterClasses is >= 1 and <= 4, "passwordMinCharacterClasses", Text.Get("Policy.Classes"))
            .Check(lockoutThreshold is >= 1 and <= 100, "lockoutThreshold", Text.Get("Policy.Threshold"))
            .Check(lockoutMinutes is >= 1 and <= 1440, "lockoutMinutes", Text.Get("Policy.LockoutMinutes"))
            .Check(idleTimeoutMinutes is >= 1 and <= 1440, "idleTimeoutMinutes", Text.Get("Policy.IdleMinutes"));
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
            problems.Add(Text.Get("Password.TooShort", PasswordMinLength));
        }
        var classes = CharacterClasses(password);
        if (classes < PasswordMinCharacterClasses)
        {
            problems.Add(Text.Get("Password.Classes", PasswordMinCharacterClasses, classes));
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
