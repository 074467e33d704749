using Beacon.Reports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Reports.Data;

internal sealed class EventTypeConfiguration : IEntityTypeConfiguration<EventType>
{
    public void Configure(EntityTypeBuilder<EventType> b)
    {
        b.ToTable("event_types");
        b.HasKey(t => t.Code);
        b.Property(t => t.Code).HasMaxLength(64);
        b.Property(t => t.ParentCode).HasMaxLength(64);
        b.Property(t => t.NameZh).HasMaxLength(100).IsRequired();
        b.Property(t => t.NameEn).HasMaxLength(100).IsRequired();
        b.Ignore(t => t.IsCategory);
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Timeliness).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.AssessmentTimeliness).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Level).HasConversion<string>().HasMaxLength(4);
        b.Property(r => r.AssessmentSummary).HasMaxLength(4000);
        b.Property(r => r.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(r => r.EventTypeCode).HasMaxLength(64).IsRequired();
        b.Property(r => r.Place).HasMaxLength(500).IsRequired();
        b.Property(r => r.Cause).HasMaxLength(2000);
        b.Property(r => r.UnitsInvolved).HasMaxLength(2000).IsRequired();
        b.Property(r => r.MeasuresTaken).HasMaxLength(4000).IsRequired();
        b.Property(r => r.MeasuresPlanned).HasMaxLength(4000).IsRequired();
        b.Property(r => r.ContactName).HasMaxLength(100).IsRequired();
        b.Property(r => r.ContactPhone).HasMaxLength(50).IsRequired();
        b.HasOne<EventType>().WithMany().HasForeignKey(r => r.EventTypeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Beacon.Platform.Units.Domain.Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.UnitPath);
        b.HasIndex(r => r.ReceivedAt);
        b.HasIndex(r => r.EventId);
    }
}

internal sealed class ReportFlagConfiguration : IEntityTypeConfiguration<ReportFlag>
{
    public void Configure(EntityTypeBuilder<ReportFlag> b)
    {
        b.ToTable("report_flags");
        b.HasKey(f => f.Id);
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Reason).HasMaxLength(2000).IsRequired();
        b.Property(f => f.UnitPath).HasMaxLength(1024).IsRequired();
        b.HasOne<Report>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.ReportId);
        b.HasIndex(f => f.UnitPath);
    }
}
