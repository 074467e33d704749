using Beacon.Platform.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Platform.Audit.Data;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable(Table);
        b.HasKey(a => a.Sequence);
        b.Property(a => a.Sequence).ValueGeneratedNever();
        b.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        b.Property(a => a.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(a => a.Action).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(200);
        b.Property(a => a.Summary).IsRequired();
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(a => a.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
