using Beacon.Platform.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Platform.Identity.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<BeaconUser>
{
    public void Configure(EntityTypeBuilder<BeaconUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.Property(u => u.Authority).HasConversion<string>().HasMaxLength(20);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> b)
    {
        b.ToTable("security_policy");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
    }
}
