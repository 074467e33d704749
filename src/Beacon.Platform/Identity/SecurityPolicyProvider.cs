using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Identity;

/// <summary>
/// The current security policy, cached briefly. Several Beacon processes may share one database,
/// so the cache expires on its own as well as when this process changes the policy.
/// </summary>
public sealed class SecurityPolicyProvider(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private SecurityPolicy? _cached;
    private DateTimeOffset _loadedAt;

    public SecurityPolicy Current
    {
        get
        {
            lock (_gate)
            {
                if (_cached is not null && time.GetUtcNow() - _loadedAt < MaxAge)
                {
                    return _cached;
                }
            }
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system");
            var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
            var policy = db.SecurityPolicies.AsNoTracking().FirstOrDefault(p => p.Id == SecurityPolicy.SingletonId) ?? SecurityPolicy.Default();
            lock (_gate)
            {
                _cached = policy;
                _loadedAt = time.GetUtcNow();
            }
            return policy;
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}

/// <summary>Applies the stored lockout policy to each UserManager (Identity's options are otherwise fixed at start-up).</summary>
public sealed class BeaconUserManager : UserManager<BeaconUser>
{
    public BeaconUserManager(IUserStore<BeaconUser> store, IOptions<IdentityOptions> optionsAccessor,
        IPasswordHasher<BeaconUser> passwordHasher, IEnumerable<IUserValidator<BeaconUser>> userValidators,
        IEnumerable<IPasswordValidator<BeaconUser>> passwordValidators, ILookupNormalizer keyNormalizer,
        IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<BeaconUser>> logger,
        SecurityPolicyProvider policies)
        : base(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
    {
        var policy = policies.Current;
        var o = optionsAccessor.Value;
        Options = new IdentityOptions
        {
            ClaimsIdentity = o.ClaimsIdentity,
            User = o.User,
            SignIn = o.SignIn,
            Tokens = o.Tokens,
            Stores = o.Stores,
            Password = o.Password,
            Lockout = new LockoutOptions
            {
                AllowedForNewUsers = true,
                MaxFailedAccessAttempts = policy.LockoutThreshold,
                DefaultLockoutTimeSpan = TimeSpan.FromMinutes(policy.LockoutMinutes),
            },
        };
    }

    /// <summary>
    /// Stores a first authenticator key without renewing the security stamp (ResetAuthenticatorKeyAsync
    /// would, ending the very session that asked for the key).
    /// </summary>
    public async Task<string> CreateAuthenticatorKeyAsync(BeaconUser user)
    {
        var key = GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<BeaconUser>)Store).SetAuthenticatorKeyAsync(user, key, CancellationToken);
        await UpdateAsync(user);
        return key;
    }
}

/// <summary>Checks passwords against the stored policy so every message names the rule broken.</summary>
public sealed class PolicyPasswordValidator(SecurityPolicyProvider policies) : IPasswordValidator<BeaconUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<BeaconUser> manager, BeaconUser user, string? password)
    {
        var problems = policies.Current.CheckPassword(password);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "PasswordPolicy", Description = p }).ToArray()));
    }
}
