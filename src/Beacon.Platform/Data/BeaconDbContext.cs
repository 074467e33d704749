using System.Text.Json;
using Beacon.Platform.Audit.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Beacon.Platform.Data;

/// <summary>
/// The one DbContext. Two things happen here for every module: the unit-scope query filter (a record
/// outside the actor's subtree does not exist for them) and the audit trail, written in the same
/// transaction as the change it records.
/// </summary>
public abstract class BeaconDbContext : IdentityDbContext<BeaconUser, BeaconRole, Guid>
{
    private readonly List<AuditEntry> _pendingEvents = [];

    protected BeaconDbContext(DbContextOptions options, CurrentActor actor, TimeProvider time) : base(options)
    {
        Actor = actor;
        Time = time;
    }

    public CurrentActor Actor { get; }
    public TimeProvider Time { get; }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();
    public DbSet<Notifications.Domain.Notification> Notifications => Set<Notifications.Domain.Notification>();

    // Read by the query filters at query time (EF parameterises context members).
    private bool ScopeAll => Actor.Scope == ScopeKind.System;
    private string ScopePath => Actor.ScopePath;

    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var assembly in BeaconModel.Assemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        builder.Entity<Unit>().HasQueryFilter(u => ScopeAll || u.Path.StartsWith(ScopePath));
        builder.Entity<BeaconUser>().HasQueryFilter(u => ScopeAll || u.Unit!.Path.StartsWith(ScopePath));
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(IUnitScoped).IsAssignableFrom).ToList())
        {
            ScopeFilterMethod.MakeGenericMethod(type).Invoke(this, [builder]);
        }

        if (!IsPostgres)
        {
            // SQLite has no date-time type: store UTC ticks as integers so times compare and sort in SQL.
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }

    /// <summary>
    /// Starts a transaction that holds the write lock of <paramref name="area"/> until it ends, so checks
    /// made on data read inside it (no cycle, codes free, role rules) still hold when it commits.
    /// SQLite's write transaction (BEGIN IMMEDIATE) already serialises all writers; PostgreSQL takes an
    /// advisory lock. The audit chain's lock is always taken last, so the order cannot deadlock.
    /// </summary>
    /// <summary>
    /// Takes a further area's lock inside the current transaction (PostgreSQL; SQLite has one writer anyway).
    /// Order: Reports before Deadlines, and the audit chain last (SaveChanges takes it), so two writers cannot wait on each other.
    /// </summary>
    public async Task LockAsync(WriteLock area, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("LockAsync needs a transaction (BeginSerializedAsync).");
        }
        if (IsPostgres)
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)area})", ct);
        }
    }

    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSerializedAsync(WriteLock area, CancellationToken ct)
    {
        var tx = await Database.BeginTransactionAsync(ct);
        if (IsPostgres)
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)area})", ct);
        }
        return tx;
    }

    private static readonly System.Reflection.MethodInfo ScopeFilterMethod =
        typeof(BeaconDbContext).GetMethod(nameof(ApplyScopeFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    // Every unit-owned record: visible in the subtree of its unit's ancestors, i.e. to whoever's path is a prefix of its own.
    private void ApplyScopeFilter<T>(ModelBuilder builder) where T : class, IUnitScoped =>
        builder.Entity<T>().HasQueryFilter(e => ScopeAll || e.UnitPath.StartsWith(ScopePath));

    /// <summary>
    /// After a unit moves, carries every unit-owned record of its subtree (reports, flags, messages, …) to
    /// the new path, so scope follows the tree. The audit trail keeps the path each entry was written with.
    /// </summary>
    public async Task RehomeAsync(string oldPrefix, string newPrefix, CancellationToken ct)
    {
        var sql = this.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        foreach (var type in Model.GetEntityTypes().Where(t => typeof(IUnitScoped).IsAssignableFrom(t.ClrType) && t.ClrType != typeof(AuditEntry)))
        {
            var table = type.GetTableName()!;
            var column = type.FindProperty(nameof(IUnitScoped.UnitPath))!
                .GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, type.GetSchema()))!;
            var t = sql.DelimitIdentifier(table, type.GetSchema());
            var c = sql.DelimitIdentifier(column);
            // substr rather than LIKE: no escaping, the same on SQLite and PostgreSQL.
#pragma warning disable EF1002 // identifiers come from the model, values are parameters
            await Database.ExecuteSqlRawAsync(
                $"UPDATE {t} SET {c} = {{0}} || substr({c}, {{1}}) WHERE substr({c}, 1, {{2}}) = {{3}}",
                [newPrefix, oldPrefix.Length + 1, oldPrefix.Length, oldPrefix], ct);
#pragma warning restore EF1002
        }
    }

    /// <summary>The materialised path of a unit, looked up past the caller's scope (for records that belong to it).</summary>
    public Task<string> UnitPathAsync(Guid unitId, CancellationToken ct = default) =>
        Units.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);

    /// <summary>Records an event that is not a row change (sign-in, export, verification).</summary>
    public void AuditEvent(string action, string entityType, string? entityId, object? details = null, string? unitPath = null)
    {
        _pendingEvents.Add(Draft(action, entityType, entityId, details is null ? "" : JsonSerializer.Serialize(details, SummaryJson), unitPath));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseUnstorableValues();
        var drafts = CaptureChanges();
        drafts.AddRange(_pendingEvents);
        _pendingEvents.Clear();
        if (drafts.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null;
        var tx = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (IsPostgres)
            {
                // Serialises writers of the chain; SQLite's write transaction already does.
                await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)WriteLock.AuditChain})", cancellationToken);
            }
            var last = await AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var seq = last?.Sequence ?? 0;
            var hash = last?.Hash ?? AuditEntry.GenesisHash;
            foreach (var d in drafts)
            {
                d.Seal(seq, hash);
                seq = d.Sequence;
                hash = d.Hash;
                AuditEntries.Add(d);
            }
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (tx is not null)
            {
                await tx.CommitAsync(cancellationToken);
            }
            return n;
        }
        catch
        {
            // The drafts were sealed against a chain head that never committed; drop them from tracking.
            foreach (var d in drafts)
            {
                var e = Entry(d);
                if (e.State != EntityState.Detached)
                {
                    e.State = EntityState.Detached;
                }
            }
            throw;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    private AuditEntry Draft(string action, string entityType, string? entityId, string summary, string? unitPath) =>
        AuditEntry.Draft(Time.GetUtcNow(), Actor.UserId, Actor.Name, Actor.UnitId,
            unitPath ?? (string.IsNullOrEmpty(Actor.UnitPath) ? "/" : Actor.UnitPath), action, entityType, entityId, summary);

    private static readonly JsonSerializerOptions SummaryJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Secrets go into the trail only as "(changed)"; bookkeeping columns not at all.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        nameof(BeaconUser.PasswordHash), nameof(BeaconUser.SecurityStamp), "Value",
    };

    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        nameof(BeaconUser.ConcurrencyStamp), nameof(BeaconUser.NormalizedEmail), nameof(BeaconUser.NormalizedUserName),
    };

    // File contents (a filed report) go into the trail as their size and hash, not their megabytes.
    private static object? Summarised(object? value) => value is byte[] bytes
        ? $"({bytes.Length} bytes, sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))})"
        : value;

    /// <summary>
    /// No text reaches the database with control characters or direction overrides (<see cref="StoredText"/>), and no
    /// date outside <see cref="DateWindow"/>, from the API, the pages, an import or a module written later: checked
    /// here, once, for every written column, and refused as a field error before anything is written.
    /// </summary>
    private void RefuseUnstorableValues()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Entity is AuditEntry)
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }
                var refusal = property.CurrentValue switch
                {
                    string text when StoredText.FirstForbidden(text, property.Metadata.GetMaxLength() is null or > StoredText.OneLineMaxLength) is { } c =>
                        Text.Get("Text.Forbidden", StoredText.Describe(c)),
                    // default(…) is "not set" in a few non-nullable columns; any date set lies in the window.
                    DateTimeOffset d when d != default && !DateWindow.Holds(d) => DateWindow.Refusal(),
                    DateTime d when d != default && !DateWindow.Holds(d) => DateWindow.Refusal(),
                    DateOnly d when d != default && !DateWindow.Holds(d) => DateWindow.Refusal(),
                    _ => null,
                };
                if (refusal is not null)
                {
                    errors[JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name)] = [refusal];
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private List<AuditEntry> CaptureChanges()
    {
        var result = new List<AuditEntry>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            // The outbox is the record of delivery itself; acknowledgements and retries are audited as events.
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is AuditEntry or Beacon.Platform.Notifications.Domain.Notification)
            {
                continue;
            }
            var (type, id, path) = Describe(entry);
            var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var p in entry.Properties)
            {
                var name = p.Metadata.Name;
                if (Hidden.Contains(name))
                {
                    // A secret changed (password, stamp, authenticator key): say so, never its value.
                    if (entry.State == EntityState.Added && p.CurrentValue is not null
                        || entry.State == EntityState.Modified && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                    {
                        changes[name] = [null, "(changed)"];
                    }
                    continue;
                }
                if (Bookkeeping.Contains(name) || p.Metadata.IsShadowProperty() && !p.Metadata.IsForeignKey())
                {
                    continue;
                }
                switch (entry.State)
                {
                    case EntityState.Added:
                        changes[name] = [null, Summarised(p.CurrentValue)];
                        break;
                    case EntityState.Deleted:
                        changes[name] = [Summarised(p.OriginalValue), null];
                        break;
                    case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                        changes[name] = [Summarised(p.OriginalValue), Summarised(p.CurrentValue)];
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }
            var verb = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            result.Add(Draft($"{type}.{verb}", type, id, JsonSerializer.Serialize(changes, SummaryJson), path));
        }
        return result;
    }

    private (string Type, string? Id, string? Path) Describe(EntityEntry entry) => entry.Entity switch
    {
        Unit u => ("unit", u.Id.ToString(), u.Path),
        BeaconUser u => ("user", u.Id.ToString(), UnitPathOf(u.UnitId)),
        SecurityPolicy => ("security-policy", SecurityPolicy.SingletonId.ToString(System.Globalization.CultureInfo.InvariantCulture), "/"),
        Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> ur => ("user-role", $"{ur.UserId}:{RoleName(ur.RoleId)}", UnitPathOfUser(ur.UserId)),
        Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> t => ("user-token", $"{t.UserId}:{t.Name}", UnitPathOfUser(t.UserId)),
        BeaconRole r => ("role", r.Name, "/"),
        // Anything else still leaves a trace: its type and key.
        // A module's record: its type in kebab case, its key, and its unit when it has one.
        _ => (Kebab(entry.Metadata.ClrType.Name),
            string.Join(":", entry.Metadata.FindPrimaryKey()?.Properties.Select(k => entry.Property(k.Name).CurrentValue) ?? []),
            (entry.Entity as IUnitScoped)?.UnitPath ?? "/"),
    };

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private string? UnitPathOf(Guid unitId) =>
        ChangeTracker.Entries<Unit>().FirstOrDefault(e => e.Entity.Id == unitId)?.Entity.Path
        ?? Units.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefault();

    private string? UnitPathOfUser(Guid userId)
    {
        var unitId = ChangeTracker.Entries<BeaconUser>().FirstOrDefault(e => e.Entity.Id == userId)?.Entity.UnitId
            ?? Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => (Guid?)u.UnitId).FirstOrDefault();
        return unitId is null ? null : UnitPathOf(unitId.Value);
    }

    private string? RoleName(Guid roleId) =>
        ChangeTracker.Entries<BeaconRole>().FirstOrDefault(e => e.Entity.Id == roleId)?.Entity.Name
        ?? Roles.IgnoreQueryFilters().Where(r => r.Id == roleId).Select(r => r.Name).FirstOrDefault();
}

/// <summary>Areas whose writers take turns (PostgreSQL advisory lock keys).</summary>
public enum WriteLock : long
{
    AuditChain = 727274001,
    UnitTree = 727274002,
    Roles = 727274003,
    /// <summary>Decisions on reports (assessment) that must happen once.</summary>
    Reports = 727274004,
    /// <summary>Sweeps of due items (missing reports, escalations), so two hosts never record one twice.</summary>
    Deadlines = 727274005,
    /// <summary>Decisions on warnings (approve, change level, lift).</summary>
    Warnings = 727274006,
    /// <summary>Decisions on responses (activation, level, termination) and their tasks.</summary>
    Responses = 727274007,
    /// <summary>Matters (交办督办): codes, decisions, cards.</summary>
    Supervision = 727274008,
    /// <summary>Hazards and screening: codes, decisions, imports, the risk matrix.</summary>
    Hazards = 727274009,
}
