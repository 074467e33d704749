using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Beacon.Platform.Audit.Domain;

/// <summary>
/// One line of the append-only trail. Each entry's hash covers its own fields and the previous hash,
/// so changing or removing any row breaks every hash after it.
/// </summary>
public sealed class AuditEntry : Common.IUnitScoped
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry()
    {
    }

    public long Sequence { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? ActorId { get; private set; }
    public string Actor { get; private set; } = "";
    public Guid? ActorUnitId { get; private set; }
    /// <summary>Unit path the entry belongs to, for scoping who may read it.</summary>
    public string UnitPath { get; private set; } = "/";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    public string Summary { get; private set; } = "";
    public string PreviousHash { get; private set; } = GenesisHash;
    public string Hash { get; private set; } = "";

    public static AuditEntry Draft(DateTimeOffset occurredAt, Guid? actorId, string actor, Guid? actorUnitId, string unitPath,
        string action, string entityType, string? entityId, string summary) => new()
        {
            // Stored precision differs between engines (SQLite text, PostgreSQL microseconds): hash whole milliseconds.
            OccurredAt = new DateTimeOffset(occurredAt.UtcTicks - (occurredAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            ActorId = actorId,
            Actor = actor,
            ActorUnitId = actorUnitId,
            UnitPath = unitPath,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary,
        };

    /// <summary>Places the entry after <paramref name="previousSequence"/> and seals it.</summary>
    public void Seal(long previousSequence, string previousHash)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public string ComputeHash()
    {
        // Canonical form: fixed field order, invariant formats, length-prefixed so no field can bleed into another.
        var sb = new StringBuilder(256);
        void Field(string? value)
        {
            value ??= "\u2400";
            sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }
        Field(Sequence.ToString(CultureInfo.InvariantCulture));
        Field(OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Field(ActorId?.ToString("D"));
        Field(Actor);
        Field(ActorUnitId?.ToString("D"));
        Field(UnitPath);
        Field(Action);
        Field(EntityType);
        Field(EntityId);
        Field(Summary);
        Field(PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

public sealed record AuditVerification(bool Valid, long Entries, long? FirstBrokenSequence);

/// <summary>Walks the chain in sequence order; a changed, removed or reordered row shows as the first broken sequence.</summary>
public sealed class AuditChainVerifier
{
    private long _expected = 1;
    private string _previousHash = AuditEntry.GenesisHash;

    public long Entries { get; private set; }
    public long? FirstBroken { get; private set; }

    public void Add(AuditEntry entry)
    {
        Entries++;
        if (FirstBroken is not null)
        {
            return;
        }
        if (entry.Sequence != _expected)
        {
            // A gap means a row was deleted: the first missing sequence is where the chain breaks.
            FirstBroken = Math.Min(entry.Sequence, _expected);
        }
        else if (entry.PreviousHash != _previousHash || entry.ComputeHash() != entry.Hash)
        {
            FirstBroken = entry.Sequence;
        }
        _expected = entry.Sequence + 1;
        _previousHash = entry.Hash;
    }

    public AuditVerification Result => new(FirstBroken is null, Entries, FirstBroken);

    public static AuditVerification Verify(IEnumerable<AuditEntry> ordered)
    {
        var v = new AuditChainVerifier();
        foreach (var e in ordered)
        {
            v.Add(e);
        }
        return v.Result;
    }
}
