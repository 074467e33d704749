using Beacon.Platform.Deadlines.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Platform.Deadlines.Data;

internal sealed class DeadlineOverrideConfiguration : IEntityTypeConfiguration<DeadlineOverride>
{
    public void Configure(EntityTypeBuilder<DeadlineOverride> b)
    {
        b.ToTable("deadline_overrides");
        b.HasKey(o => o.Id);
        b.Property(o => o.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Level).HasConversion<string>().HasMaxLength(4);
        b.HasIndex(o => o.UnitPath);
    }
}
