using Beacon.Platform.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Beacon.Platform.Notifications.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Topic).HasMaxLength(100).IsRequired();
        b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Address).HasMaxLength(500).IsRequired();
        b.Property(n => n.Subject).HasMaxLength(Notification.MaxSubjectLength).IsRequired();
        b.Property(n => n.Body).IsRequired();
        b.Property(n => n.SubjectType).HasMaxLength(100);
        b.Property(n => n.SubjectId).HasMaxLength(200);
        b.Property(n => n.UnitPath).HasMaxLength(1024).IsRequired();
        b.Property(n => n.LastError).HasMaxLength(Notification.MaxErrorLength);
        b.Property(n => n.LeaseOwner).HasMaxLength(200).IsConcurrencyToken();
        b.HasIndex(n => new { n.State, n.NextAttemptAt });
        b.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
    }
}
