namespace Beacon.Platform.Notifications.Domain;

public enum NotificationChannel
{
    InApp,
    Email,
    Sms,
    Webhook,
}

public enum DeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,
    /// <summary>Handed to the channel (for in-app: in the recipient's inbox).</summary>
    Sent,
    /// <summary>Failed every attempt; waits for an administrator to retry it.</summary>
    DeadLetter,
}

/// <summary>How long to wait after each failed attempt, and when to give up.</summary>
public sealed record RetryPolicy(TimeSpan FirstDelay, double Factor, TimeSpan MaxDelay, int MaxAttempts)
{
    public static readonly RetryPolicy Default = new(TimeSpan.FromSeconds(15), 2, TimeSpan.FromMinutes(30), 8);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var seconds = FirstDelay.TotalSeconds * Math.Pow(Factor, Math.Max(0, attempts - 1));
        return seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
    }
}

/// <summary>
/// One message to one recipient on one channel: the outbox row. It is written in the same transaction
/// as the change that causes it, so a committed change never loses its messages; the dispatcher then
/// delivers it at least once (the id is the idempotency key receivers deduplicate on).
/// </summary>
public sealed class Notification : Common.IUnitScoped
{
    public const int MaxErrorLength = 1000;
    public const int MaxSubjectLength = 500;

    private Notification()
    {
    }

    public Guid Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>What happened, e.g. "user.roles-changed"; webhooks subscribe by topic.</summary>
    public string Topic { get; private set; } = "";
    public NotificationChannel Channel { get; private set; }
    public Guid? RecipientUserId { get; private set; }
    /// <summary>E-mail address, phone number or URL; empty for in-app.</summary>
    public string Address { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? SubjectType { get; private set; }
    public string? SubjectId { get; private set; }
    /// <summary>Unit path the message belongs to, for scoping who may see it.</summary>
    public string UnitPath { get; private set; } = "/";

    public DeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Which dispatcher holds the message and until when; lets several Beacon processes share the outbox.</summary>
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }

    public static Notification Create(DateTimeOffset now, string topic, NotificationChannel channel, Guid? recipientUserId,
        string address, string subject, string body, string unitPath, string? subjectType = null, string? subjectId = null)
    {
        if (channel != NotificationChannel.InApp && string.IsNullOrWhiteSpace(address))
        {
            throw new ArgumentException("An address is required for this channel.", nameof(address));
        }
        if (channel == NotificationChannel.InApp && recipientUserId is null)
        {
            throw new ArgumentException("An in-app message needs a recipient.", nameof(recipientUserId));
        }
        return new Notification
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            Topic = topic,
            Channel = channel,
            RecipientUserId = recipientUserId,
            Address = address,
            // A subject quotes user text (a place, a name); a long one is cut rather than refused, so the change that causes it still saves.
            Subject = subject.Length <= MaxSubjectLength ? subject : subject[..(MaxSubjectLength - 1)] + "…",
            Body = body,
            UnitPath = unitPath,
            SubjectType = subjectType,
            SubjectId = subjectId,
            State = DeliveryState.Pending,
            NextAttemptAt = now,
        };
    }

    public void MarkSent(DateTimeOffset now)
    {
        Attempts++;
        State = DeliveryState.Sent;
        SentAt = now;
        LastError = null;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>Schedules the next attempt, or moves the message to the dead letters after the last one.</summary>
    public void MarkFailed(string error, DateTimeOffset now, RetryPolicy policy)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        LeaseOwner = null;
        LeaseUntil = null;
        if (Attempts >= policy.MaxAttempts)
        {
            State = DeliveryState.DeadLetter;
            return;
        }
        NextAttemptAt = now + policy.DelayAfter(Attempts);
    }

    /// <summary>An administrator sends a dead letter again, with a fresh set of attempts.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (State != DeliveryState.DeadLetter)
        {
            throw new Common.DomainException(Common.Text.Get("Notify.NotDead"));
        }
        State = DeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>The recipient confirms they have seen it. Repeating it keeps the first time.</summary>
    public void Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (RecipientUserId != userId)
        {
            throw new Common.ForbiddenException(Common.Text.Get("Notify.NotYours"));
        }
        AcknowledgedAt ??= now;
    }
}
