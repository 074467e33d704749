using Beacon.Platform.Units.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Platform.Units.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.HasKey(u => u.Id);
        b.Property(u => u.Code).HasMaxLength(Unit.MaxCodeLength).IsRequired();
        b.HasIndex(u => u.Code).IsUnique();
        b.Property(u => u.NameZh).HasMaxLength(Unit.MaxNameLength).IsRequired();
        b.Property(u => u.NameEn).HasMaxLength(Unit.MaxNameLength);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(u => u.Path).HasMaxLength(1024).IsRequired();
        b.HasIndex(u => u.Path);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
