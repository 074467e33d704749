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

internal sealed class FollowUpReportConfiguration : IEntityTypeConfiguration<FollowUpReport>
{
    public void Configure(EntityTypeBuilder<FollowUpReport> b)
    {
        b.ToTable("follow_up_reports");
        b.HasKey(f => f.Id);
        b.Property(f => f.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(f => f.Progress).HasMaxLength(4000).IsRequired();
        b.Property(f => f.Cause).HasMaxLength(2000);
        b.Property(f => f.MeasuresTaken).HasMaxLength(4000);
        b.Property(f => f.NextSteps).HasMaxLength(4000);
        b.Property(f => f.Level).HasConversion<string>().HasMaxLength(4);
        b.Property(f => f.Timeliness).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Report>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.EventId, f.Sequence }).IsUnique();
        b.HasIndex(f => f.UnitPath);
    }
}

internal sealed class ReportObligationConfiguration : IEntityTypeConfiguration<ReportObligation>
{
    public void Configure(EntityTypeBuilder<ReportObligation> b)
    {
        b.ToTable("report_obligations");
        b.HasKey(o => o.Id);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.UnitPath).HasMaxLength(1024).IsRequired();
        b.Ignore(o => o.State);
        b.Ignore(o => o.Timeliness);
        b.Ignore(o => o.IsOwed);
        b.HasOne<Beacon.Platform.Units.Domain.Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The sweep's question: what is still owed and past due.
        b.HasIndex(o => new { o.MissedAt, o.MetAt, o.CancelledAt, o.DueAt });
        b.HasIndex(o => o.EventId);
        b.HasIndex(o => new { o.PeriodId, o.Day, o.UnitId });
        b.HasIndex(o => o.UnitPath);
    }
}

internal sealed class ProtectionPeriodConfiguration : IEntityTypeConfiguration<ProtectionPeriod>
{
    public void Configure(EntityTypeBuilder<ProtectionPeriod> b)
    {
        b.ToTable("protection_periods");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.UnitPath).HasMaxLength(1024).IsRequired();
        b.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.UnitPath);
    }
}

internal sealed class ProtectionPeriodUnitConfiguration : IEntityTypeConfiguration<ProtectionPeriodUnit>
{
    public void Configure(EntityTypeBuilder<ProtectionPeriodUnit> b)
    {
        b.ToTable("protection_period_units");
        b.HasKey(u => new { u.PeriodId, u.UnitId });
        b.Property(u => u.UnitPath).HasMaxLength(1024).IsRequired();
        b.HasIndex(u => u.UnitPath);
    }
}

internal sealed class DailyReportConfiguration : IEntityTypeConfiguration<DailyReport>
{
    public void Configure(EntityTypeBuilder<DailyReport> b)
    {
        b.ToTable("daily_reports");
        b.HasKey(d => d.Id);
        b.Property(d => d.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(d => d.Summary).HasMaxLength(4000).IsRequired();
        b.Property(d => d.Timeliness).HasConversion<string>().HasMaxLength(20);
        b.HasOne<ProtectionPeriod>().WithMany().HasForeignKey(d => d.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.PeriodId, d.UnitId, d.Day }).IsUnique();
        b.HasIndex(d => d.UnitPath);
    }
}

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> b)
    {
        b.ToTable("duty_shifts");
        b.HasKey(s => s.Id);
        b.Property(s => s.UnitPath).HasMaxLength(1024).IsRequired();
        b.HasOne<Beacon.Platform.Units.Domain.Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.UnitId, s.StartsAt });
        b.HasIndex(s => s.UnitPath);
    }
}

internal sealed class DutyAlertConfiguration : IEntityTypeConfiguration<DutyAlert>
{
    public void Configure(EntityTypeBuilder<DutyAlert> b)
    {
        b.ToTable("duty_alerts");
        b.HasKey(a => a.Id);
        b.Property(a => a.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(a => a.Stage).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.ReportId);
        b.HasIndex(a => new { a.AcknowledgedAt, a.EscalateAt });
        b.HasIndex(a => a.UnitPath);
    }
}

internal sealed class CirculationConfiguration : IEntityTypeConfiguration<Circulation>
{
    public void Configure(EntityTypeBuilder<Circulation> b)
    {
        b.ToTable("circulations");
        b.HasKey(c => c.Id);
        b.Property(c => c.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(c => c.Note).HasMaxLength(2000);
        b.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ReportId);
        b.HasIndex(c => c.UnitPath);
    }
}

internal sealed class UpwardHopConfiguration : IEntityTypeConfiguration<UpwardHop>
{
    public void Configure(EntityTypeBuilder<UpwardHop> b)
    {
        b.ToTable("upward_hops");
        b.HasKey(h => h.Id);
        b.Property(h => h.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(h => h.Note).HasMaxLength(2000);
        b.Property(h => h.Timeliness).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Report>().WithMany().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.ReportId, h.FromUnitId }).IsUnique();
        b.HasIndex(h => h.UnitPath);
    }
}
