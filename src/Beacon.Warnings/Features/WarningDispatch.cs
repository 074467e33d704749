using Beacon.Platform.Data;
using Beacon.Platform.Notifications;
using Beacon.Platform.Notifications.Domain;
using Beacon.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Warnings.Features;

/// <summary>How a decided warning reaches people: its delivery records and their messages on each channel.</summary>
public static class WarningDispatch
{
    /// <summary>
    /// Every user of the issuing office's subtree holding a role of the audience hears it, on each channel of
    /// the audience they can be reached on: one delivery record per recipient, and its messages in the outbox,
    /// in the same transaction as the decision. Lifting is told the same way but asks for no acknowledgement.
    /// </summary>
    internal static async Task Deliver(Warning w, string topic, BeaconDbContext db, Outbox outbox, AckLinks links, CancellationToken ct)
    {
        var v = w.Current;
        foreach (var earlier in await db.Set<WarningDelivery>().IgnoreQueryFilters()
            .Where(d => d.WarningId == w.Id && d.Version < v.Number && d.EscalateAt != null).ToListAsync(ct))
        {
            earlier.Close();
        }
        var roles = v.Audience.Roles.ToList();
        var recipients = await (from u in db.Users.IgnoreQueryFilters()
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join role in db.Roles on ur.RoleId equals role.Id
                                where !u.IsDisabled && u.Unit!.Path.StartsWith(w.UnitPath) && roles.Contains(role.Name!)
                                select new Recipient(u.Id, u.UnitId, u.Unit!.Path, u.Email, u.PhoneNumber, u.DisplayName)).Distinct().ToListAsync(ct);
        // The affected units' subtrees, or the whole subtree of the issuing office.
        var area = v.Content.AreaUnitIds is { Count: > 0 } ids
            ? await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct)
            : [w.UnitPath];
        var now = db.Time.GetUtcNow();
        foreach (var user in recipients.Where(r => area.Any(p => r.Path.StartsWith(p, StringComparison.Ordinal))).DistinctBy(u => u.Id))
        {
            var channels = v.Audience.Channels.Where(c => Reachable(user, c)).ToList();
            var delivery = WarningDelivery.Queue(w.Id, v.Number, user.Id, user.UnitId, user.Path, channels, v.Colour, now);
            if (topic == "warning.lifted")
            {
                // Told, not asked to acknowledge.
                delivery.Close();
            }
            db.Set<WarningDelivery>().Add(delivery);
            foreach (var channel in channels)
            {
                Send(w, topic, channel, user, delivery, db, outbox, topic == "warning.lifted" ? null : links.For(delivery.Id));
            }
        }
        outbox.ToWebhooks(db, topic, w.UnitPath, Subject(w, topic, outbox), Body(w, topic), "warning", w.Id.ToString());
    }

    internal sealed record Recipient(Guid Id, Guid UnitId, string Path, string? Email, string? PhoneNumber, string Name);

    internal static bool Reachable(Recipient user, WarningChannel channel) => channel switch
    {
        WarningChannel.Email => !string.IsNullOrWhiteSpace(user.Email),
        WarningChannel.Sms => !string.IsNullOrWhiteSpace(user.PhoneNumber),
        _ => true,
    };

    private static string Subject(Warning w, string topic, Outbox outbox) => topic == "warning.lifted"
        ? outbox.Text("Warning.Lifted.Subject", Colours.NameZh(w.Current.Colour), w.Current.Content.Headline)
        : SmsText(w.Current.Colour, w.Current.Content.Headline, outbox);

    /// <summary>The text of the SMS (and the subject of the other channels) when a warning goes out; the editor previews the same.</summary>
    public static string SmsText(WarningColour colour, string? headline, Outbox outbox) =>
        outbox.Text("Warning.Issued.Subject", Colours.NameZh(colour), headline);

    private static string Body(Warning w, string topic) => topic == "warning.lifted"
        ? w.Current.Reason ?? ""
        : $"{w.Current.Content.Description}\n{w.Current.Content.UnitInstruction ?? w.Current.Content.PublicInstruction}";

    /// <summary>One message of a delivery on one channel; the e-mail carries a signed, single-use acknowledgement link.</summary>
    internal static void Send(Warning w, string topic, WarningChannel channel, Recipient user, WarningDelivery delivery, BeaconDbContext db, Outbox outbox,
        string? ackLink = null)
    {
        var subject = Subject(w, topic, outbox);
        var body = Body(w, topic);
        var id = delivery.Id.ToString();
        switch (channel)
        {
            case WarningChannel.InApp:
                outbox.ToUser(db, topic, user.Id, user.Path, subject, body, "warning-delivery", id);
                break;
            case WarningChannel.Email:
                outbox.ToAddress(db, NotificationChannel.Email, user.Email!, topic, user.Id, user.Path, subject,
                    ackLink is null ? body : $"{body}\n\n{outbox.Text("Warning.AckLink")} {ackLink}", "warning-delivery", id);
                break;
            case WarningChannel.Sms:
                outbox.ToAddress(db, NotificationChannel.Sms, user.PhoneNumber!, topic, user.Id, user.Path, subject, subject, "warning-delivery", id);
                break;
        }
    }
}
