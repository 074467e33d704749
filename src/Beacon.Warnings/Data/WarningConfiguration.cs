using System.Text.Json;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Warnings.Data;

internal sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.ToTable("warnings");
        b.HasKey(w => w.Id);
        b.Property(w => w.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(w => w.EventTypeCode).HasMaxLength(64).IsRequired();
        b.Property(w => w.State).HasConversion<string>().HasMaxLength(20);
        b.Property(w => w.SourceIdentifier).HasMaxLength(500);
        b.Ignore(w => w.Current);
        b.Ignore(w => w.Versions);
        // The versions are the warning's history, read and written whole: one JSON document beside the row.
        b.Property<List<WarningVersion>>("_versions")
            .HasColumnName("versions")
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                s => JsonSerializer.Deserialize<List<WarningVersion>>(s, Json) ?? new List<WarningVersion>(),
                new ValueComparer<List<WarningVersion>>(
                    (x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<List<WarningVersion>>(JsonSerializer.Serialize(v, Json), Json)!))
            .IsRequired();
        b.HasIndex(w => w.UnitPath);
        b.HasIndex(w => w.State);
        b.HasIndex(w => w.SourceIdentifier).IsUnique();
    }
}

internal sealed class WarningDeliveryConfiguration : IEntityTypeConfiguration<WarningDelivery>
{
    public void Configure(EntityTypeBuilder<WarningDelivery> b)
    {
        b.ToTable("warning_deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(d => d.Channels).HasMaxLength(100).IsRequired();
        b.Property(d => d.AcknowledgedVia).HasMaxLength(20);
        b.Property(d => d.Stage).HasConversion<string>().HasMaxLength(20);
        b.Ignore(d => d.Used);
        b.HasOne<Warning>().WithMany().HasForeignKey(d => d.WarningId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.WarningId, d.UserId });
        b.HasIndex(d => new { d.AcknowledgedAt, d.EscalateAt });
        b.HasIndex(d => d.UnitPath);
    }
}
