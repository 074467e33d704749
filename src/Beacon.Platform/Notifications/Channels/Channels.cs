using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Platform.Notifications.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Beacon.Platform.Notifications.Channels;

/// <summary>In-app: the outbox row is the recipient's inbox entry, so sending is only marking it available.</summary>
public sealed class InAppChannel : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.InApp;

    public Task SendAsync(Notification message, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>E-mail through SMTP (MailKit); the Message-Id carries the outbox id so receivers can drop repeats.</summary>
public sealed class EmailChannel(IOptions<NotificationOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(Notification message, CancellationToken ct)
    {
        var o = options.Value.Email;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            throw new InvalidOperationException("E-mail is not configured (Beacon:Notifications:Email:Host).");
        }
        var mail = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@beacon" };
        mail.From.Add(MailboxAddress.Parse(o.From));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var smtp = new SmtpClient { Timeout = 15_000 };
        var security = !o.UseTls ? SecureSocketOptions.None : o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(o.Host, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.User))
        {
            await smtp.AuthenticateAsync(o.User, o.Password ?? "", ct);
        }
        await smtp.SendAsync(mail, ct);
        try
        {
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or TimeoutException or OperationCanceledException)
        {
            // Sent already: a failed goodbye must not make it go out twice.
        }
    }
}

/// <summary>SMS through a configurable HTTP gateway.</summary>
public sealed class SmsChannel(IHttpClientFactory http, IOptions<NotificationOptions> options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(Notification message, CancellationToken ct)
    {
        var o = options.Value.Sms;
        if (string.IsNullOrWhiteSpace(o.Url))
        {
            throw new InvalidOperationException("The SMS gateway is not configured (Beacon:Notifications:Sms:Url).");
        }
        var json = o.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        string Fill(string v) => json ? JsonEncodedText.Encode(v, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : Uri.EscapeDataString(v);
        var body = o.BodyTemplate.Replace("{to}", Fill(message.Address), StringComparison.Ordinal)
            .Replace("{text}", Fill(message.Body), StringComparison.Ordinal)
            .Replace("{id}", Fill(message.Id.ToString()), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(o.Method), o.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, o.ContentType),
        };
        request.Headers.Add("Idempotency-Key", message.Id.ToString());
        if (o.AuthHeader?.Split(':', 2) is [var name, var value])
        {
            request.Headers.TryAddWithoutValidation(name.Trim(), value.Trim());
        }
        using var response = await http.CreateClient(NotificationsModule.HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Outgoing webhooks: JSON signed with HMAC-SHA256 of the body, keyed by the subscription's secret.</summary>
public sealed class WebhookChannel(IHttpClientFactory http, IOptions<NotificationOptions> options) : INotificationChannel
{
    public const string SignatureHeader = "X-Beacon-Signature";

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task SendAsync(Notification message, CancellationToken ct)
    {
        var subscription = options.Value.Webhooks.FirstOrDefault(w => w.Url == message.Address)
            ?? throw new InvalidOperationException("No webhook subscription for this address any more.");
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = message.Id,
            topic = message.Topic,
            createdAt = message.CreatedAt,
            subject = message.Subject,
            body = message.Body,
            subjectType = message.SubjectType,
            subjectId = message.SubjectId,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Beacon-Id", message.Id.ToString());
        request.Headers.Add("X-Beacon-Topic", message.Topic);
        request.Headers.Add(SignatureHeader, Sign(subscription.Secret, body));
        using var response = await http.CreateClient(NotificationsModule.HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
