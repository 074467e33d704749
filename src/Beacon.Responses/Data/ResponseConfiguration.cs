using Beacon.Platform.Data;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Responses.Data;

internal sealed class ResponsePlanConfiguration : IEntityTypeConfiguration<ResponsePlan>
{
    public void Configure(EntityTypeBuilder<ResponsePlan> b)
    {
        b.ToTable("response_plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(p => p.EventTypeCode).HasMaxLength(64).IsRequired();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Revision).IsConcurrencyToken();
        b.Ignore(p => p.Groups);
        b.Ignore(p => p.Measures);
        JsonColumn.Map<ResponsePlan, PlanGroup>(b, "_groups", "groups");
        JsonColumn.Map<ResponsePlan, PlanMeasure>(b, "_measures", "measures");
        b.HasIndex(p => p.UnitPath);
        b.HasIndex(p => new { p.UnitId, p.EventTypeCode }).IsUnique();
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> b)
    {
        b.ToTable("responses");
        b.HasKey(r => r.Id);
        b.Property(r => r.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(r => r.EventTypeCode).HasMaxLength(64).IsRequired();
        b.Property(r => r.Place).HasMaxLength(300).IsRequired();
        b.Property(r => r.Scope).HasMaxLength(1000).IsRequired();
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.TerminationCondition).HasMaxLength(1000);
        b.Property(r => r.TerminationRejectionReason).HasMaxLength(1000);
        b.Property(r => r.ResourcesUsed).HasMaxLength(4000);
        // Two leaders deciding at once: the second save finds the revision moved and gets 409.
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.Ignore(r => r.Groups);
        b.Ignore(r => r.LevelChanges);
        b.Ignore(r => r.Findings);
        b.Ignore(r => r.IsOpen);
        b.Ignore(r => r.Filing);
        JsonColumn.Map<Response, CommandGroup>(b, "_groups", "groups");
        JsonColumn.Map<Response, LevelChange>(b, "_levelChanges", "level_changes");
        JsonColumn.Map<Response, Finding>(b, "_findings", "findings");
        b.HasIndex(r => r.UnitPath);
        b.HasIndex(r => r.State);
        b.HasIndex(r => r.UpdateDueAt);
        b.HasIndex(r => r.ReportDueAt);
    }
}

internal sealed class SituationUpdateConfiguration : IEntityTypeConfiguration<SituationUpdate>
{
    public void Configure(EntityTypeBuilder<SituationUpdate> b)
    {
        b.ToTable("response_updates");
        b.HasKey(u => u.Id);
        b.Property(u => u.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(u => u.Text).HasMaxLength(4000).IsRequired();
        b.HasIndex(u => new { u.ResponseId, u.At });
        b.HasIndex(u => u.UnitPath);
    }
}

internal sealed class ResponseTaskConfiguration : IEntityTypeConfiguration<ResponseTask>
{
    public void Configure(EntityTypeBuilder<ResponseTask> b)
    {
        b.ToTable("response_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(t => t.GroupCode).HasMaxLength(40).IsRequired();
        b.Property(t => t.Title).HasMaxLength(300).IsRequired();
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.LastProgress).HasMaxLength(2000);
        b.Property(t => t.CompletionNote).HasMaxLength(2000);
        b.Property(t => t.CancelReason).HasMaxLength(2000);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.Ignore(t => t.IsEnded);
        b.HasIndex(t => new { t.ResponseId, t.GroupCode });
        b.HasIndex(t => t.AssigneeUnitId);
        b.HasIndex(t => t.UnitPath);
    }
}

internal sealed class MissedUpdateConfiguration : IEntityTypeConfiguration<MissedUpdate>
{
    public void Configure(EntityTypeBuilder<MissedUpdate> b)
    {
        b.ToTable("response_missed_updates");
        b.HasKey(m => m.Id);
        b.Property(m => m.UnitPath).HasMaxLength(1024).IsRequired();
        b.HasIndex(m => new { m.ResponseId, m.DueAt }).IsUnique();
        b.HasIndex(m => m.UnitPath);
    }
}

internal sealed class ResponseParticipantConfiguration : IEntityTypeConfiguration<ResponseParticipant>
{
    public void Configure(EntityTypeBuilder<ResponseParticipant> b)
    {
        b.ToTable("response_participants");
        b.HasKey(p => new { p.ResponseId, p.UnitId });
        b.HasIndex(p => p.UnitId);
    }
}

internal sealed class HandlingReportFileConfiguration : IEntityTypeConfiguration<HandlingReportFile>
{
    public void Configure(EntityTypeBuilder<HandlingReportFile> b)
    {
        b.ToTable("response_reports");
        b.HasKey(f => f.ResponseId);
        b.Property(f => f.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        b.Property(f => f.Content).IsRequired();
    }
}
