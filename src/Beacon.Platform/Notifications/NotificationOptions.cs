namespace Beacon.Platform.Notifications;

/// <summary>Settings under Beacon:Notifications.</summary>
public sealed class NotificationOptions
{
    /// <summary>Off in a process that should only write the outbox (tests, a web node behind a worker).</summary>
    public bool DispatcherEnabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 200;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The language messages are written in, whoever triggers them (the API caller's may differ).</summary>
    public string Culture { get; set; } = "zh-CN";
    public EmailOptions Email { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    public List<WebhookSubscription> Webhooks { get; set; } = [];
}

public sealed class EmailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>STARTTLS when the server offers it (port 587); TLS from the start on port 465.</summary>
    public bool UseTls { get; set; }
    public string From { get; set; } = "beacon@localhost";
    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>An HTTP SMS gateway: where to send, and the body with {to} and {text} filled in.</summary>
public sealed class SmsOptions
{
    public string? Url { get; set; }
    public string Method { get; set; } = "POST";
    public string ContentType { get; set; } = "application/json";
    public string BodyTemplate { get; set; } = "{\"to\":\"{to}\",\"text\":\"{text}\"}";
    /// <summary>One header as "Name: value", e.g. "Authorization: Bearer …".</summary>
    public string? AuthHeader { get; set; }
}

/// <summary>An outside system that receives events; each delivery is signed with its secret.</summary>
public sealed class WebhookSubscription
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    /// <summary>Topics to receive ("user.roles-changed"); empty means all.</summary>
    public List<string> Topics { get; set; } = [];
}
