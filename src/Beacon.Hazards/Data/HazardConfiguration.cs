using Beacon.Hazards.Domain;
using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Hazards.Data;

internal sealed class RiskMatrixConfiguration : IEntityTypeConfiguration<RiskMatrix>
{
    public void Configure(EntityTypeBuilder<RiskMatrix> b)
    {
        b.ToTable("risk_matrix");
        b.HasKey(m => m.Id);
        b.Property(m => m.Revision).IsConcurrencyToken();
        b.Ignore(m => m.LikelihoodLabels);
        b.Ignore(m => m.ImpactLabels);
        b.Ignore(m => m.Bands);
        JsonColumn.Map<RiskMatrix, string>(b, "_likelihoodLabels", "likelihood_labels");
        JsonColumn.Map<RiskMatrix, string>(b, "_impactLabels", "impact_labels");
        JsonColumn.Map<RiskMatrix, RiskBand>(b, "_bands", "bands");
    }
}

internal sealed class ScreeningPlanConfiguration : IEntityTypeConfiguration<ScreeningPlan>
{
    public void Configure(EntityTypeBuilder<ScreeningPlan> b)
    {
        b.ToTable("screening_plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(p => p.Title).HasMaxLength(ScreeningPlan.MaxTitle).IsRequired();
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Revision).IsConcurrencyToken();
        b.Ignore(p => p.Domains);
        b.Ignore(p => p.ScopeUnitIds);
        b.Ignore(p => p.OwnerIds);
        JsonColumn.Map<ScreeningPlan, string>(b, "_domains", "domains");
        JsonColumn.Map<ScreeningPlan, Guid>(b, "_scopeUnitIds", "scope_unit_ids");
        JsonColumn.Map<ScreeningPlan, Guid>(b, "_ownerIds", "owner_ids");
        b.HasIndex(p => p.UnitPath);
        // A recurring plan has one successor: two hosts generating at once cannot both add it.
        b.HasIndex(p => p.RecurrenceOf).IsUnique();
        b.HasIndex(p => new { p.Recurring, p.EndsOn });
    }
}

internal sealed class ScreeningScopeConfiguration : IEntityTypeConfiguration<ScreeningScope>
{
    public void Configure(EntityTypeBuilder<ScreeningScope> b)
    {
        b.ToTable("screening_scope");
        b.HasKey(s => new { s.PlanId, s.UnitId });
        b.HasIndex(s => s.UnitId);
    }
}

internal sealed class ScreeningResultConfiguration : IEntityTypeConfiguration<ScreeningResult>
{
    public void Configure(EntityTypeBuilder<ScreeningResult> b)
    {
        b.ToTable("screening_results");
        b.HasKey(r => r.Id);
        b.Property(r => r.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(r => r.Note).HasMaxLength(ScreeningResult.MaxNote);
        b.HasIndex(r => new { r.PlanId, r.UnitId }).IsUnique();
        b.HasIndex(r => r.UnitPath);
    }
}

internal sealed class HazardConfiguration : IEntityTypeConfiguration<Hazard>
{
    public void Configure(EntityTypeBuilder<Hazard> b)
    {
        b.ToTable("hazards");
        b.HasKey(h => h.Id);
        b.Property(h => h.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(h => h.ResponsibleUnitPath).HasMaxLength(1024);
        b.Property(h => h.Code).HasMaxLength(Hazard.MaxCode).IsRequired();
        b.Property(h => h.Domain).HasMaxLength(Hazard.MaxDomain).IsRequired();
        b.Property(h => h.Place).HasMaxLength(Hazard.MaxPlace).IsRequired();
        b.Property(h => h.Description).HasMaxLength(Hazard.MaxText).IsRequired();
        b.Property(h => h.RiskLevel).HasMaxLength(20).IsRequired();
        b.Property(h => h.RiskLevelName).HasMaxLength(20).IsRequired();
        b.Property(h => h.ResponsiblePerson).HasMaxLength(Hazard.MaxPerson);
        b.Property(h => h.Measures).HasMaxLength(Hazard.MaxText);
        b.Property(h => h.ClosureNote).HasMaxLength(Hazard.MaxNote);
        b.Property(h => h.ReturnReason).HasMaxLength(Hazard.MaxReason);
        b.Property(h => h.ReopenReason).HasMaxLength(Hazard.MaxReason);
        b.Property(h => h.State).HasConversion<string>().HasMaxLength(20);
        b.Property(h => h.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(h => h.Revision).IsConcurrencyToken();
        b.Ignore(h => h.Extensions);
        b.Ignore(h => h.Progress);
        b.Ignore(h => h.EvidenceFileIds);
        b.Ignore(h => h.IsDone);
        b.Ignore(h => h.PendingExtension);
        JsonColumn.Map<Hazard, Extension>(b, "_extensions", "extensions");
        JsonColumn.Map<Hazard, ProgressEntry>(b, "_progress", "progress");
        JsonColumn.Map<Hazard, Guid>(b, "_evidenceFileIds", "evidence_file_ids");
        b.HasIndex(h => h.Code).IsUnique();
        // The ledger filters by subtree, level, state, domain and period: each has its index.
        b.HasIndex(h => new { h.UnitPath, h.FoundAt });
        b.HasIndex(h => h.ResponsibleUnitPath);
        b.HasIndex(h => new { h.State, h.Deadline });
        b.HasIndex(h => h.RiskLevel);
        b.HasIndex(h => h.Domain);
        b.HasIndex(h => h.PlanId);
        b.HasIndex(h => h.FoundAt);
    }
}
