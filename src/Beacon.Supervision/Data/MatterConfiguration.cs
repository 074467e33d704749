using Beacon.Platform.Data;
using Beacon.Supervision.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Supervision.Data;

internal sealed class MatterConfiguration : IEntityTypeConfiguration<Matter>
{
    public void Configure(EntityTypeBuilder<Matter> b)
    {
        b.ToTable("matters");
        b.HasKey(m => m.Id);
        b.Property(m => m.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(m => m.HandlingUnitPath).HasMaxLength(1024).IsRequired();
        b.Property(m => m.Code).HasMaxLength(40).IsRequired();
        b.Property(m => m.Title).HasMaxLength(200).IsRequired();
        b.Property(m => m.Notice).HasMaxLength(4000).IsRequired();
        b.Property(m => m.Plan).HasMaxLength(4000);
        b.Property(m => m.Explanation).HasMaxLength(4000);
        b.Property(m => m.ClosingReport).HasMaxLength(4000);
        b.Property(m => m.ReturnReason).HasMaxLength(1000);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Revision).IsConcurrencyToken();
        b.Ignore(m => m.Progress);
        b.Ignore(m => m.Extensions);
        b.Ignore(m => m.Cards);
        b.Ignore(m => m.ClosingEvidenceFileIds);
        b.Ignore(m => m.IsOpen);
        b.Ignore(m => m.EffectiveDeadline);
        JsonColumn.Map<Matter, MatterProgress>(b, "_progress", "progress");
        JsonColumn.Map<Matter, MatterExtension>(b, "_extensions", "extensions");
        JsonColumn.Map<Matter, SupervisionCard>(b, "_cards", "cards");
        JsonColumn.Map<Matter, Guid>(b, "_closingEvidenceFileIds", "closing_evidence");
        b.HasIndex(m => m.Code).IsUnique();
        b.HasIndex(m => m.UnitPath);
        b.HasIndex(m => m.HandlingUnitPath);
        b.HasIndex(m => new { m.State, m.Deadline });
        b.HasIndex(m => m.InAccountability);
    }
}
