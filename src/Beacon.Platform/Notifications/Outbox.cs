using Beacon.Platform.Data;
using Beacon.Platform.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Beacon.Platform.Notifications;

/// <summary>
/// Adds messages to the outbox of the given context. They are saved by the caller's SaveChangesAsync,
/// in the same transaction as the change they announce.
/// </summary>
public sealed class Outbox(IOptions<NotificationOptions> options)
{
    public System.Globalization.CultureInfo Culture { get; } = System.Globalization.CultureInfo.GetCultureInfo(options.Value.Culture);

    /// <summary>A message text in the recipients' language.</summary>
    public string Text(string key, params object?[] args) => Common.Text.In(Culture, key, args);

    public bool IsChinese => Culture.Name.StartsWith("zh", StringComparison.Ordinal);

    public Notification ToUser(BeaconDbContext db, string topic, Guid userId, string unitPath, string subject, string body,
        string? subjectType = null, string? subjectId = null)
    {
        var n = Notification.Create(db.Time.GetUtcNow(), topic, NotificationChannel.InApp, userId, "", subject, body, unitPath, subjectType, subjectId);
        db.Notifications.Add(n);
        return n;
    }

    public Notification ToAddress(BeaconDbContext db, NotificationChannel channel, string address, string topic, Guid? userId,
        string unitPath, string subject, string body, string? subjectType = null, string? subjectId = null)
    {
        var n = Notification.Create(db.Time.GetUtcNow(), topic, channel, userId, address, subject, body, unitPath, subjectType, subjectId);
        db.Notifications.Add(n);
        return n;
    }

    /// <summary>One message per webhook subscribed to the topic.</summary>
    public IReadOnlyList<Notification> ToWebhooks(BeaconDbContext db, string topic, string unitPath, string subject, string body,
        string? subjectType = null, string? subjectId = null) =>
        options.Value.Webhooks
            .Where(w => w.Topics.Count == 0 || w.Topics.Contains(topic, StringComparer.Ordinal))
            .Select(w => ToAddress(db, NotificationChannel.Webhook, w.Url, topic, null, unitPath, subject, body, subjectType, subjectId))
            .ToList();
}
