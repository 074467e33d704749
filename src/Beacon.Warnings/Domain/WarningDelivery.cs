using Beacon.Platform.Common;

namespace Beacon.Warnings.Domain;

public enum EscalationStage
{
    Recipient,
    NextChannel,
    BPost,
    Head,
    Done,
}

/// <summary>
/// One recipient's copy of one version of a warning: when it was queued, read and acknowledged, and how
/// far the escalation has gone when it is not acknowledged (next channel, then the B post, then the unit head).
/// </summary>
public sealed class WarningDelivery : IUnitScoped
{
    private WarningDelivery()
    {
    }

    public Guid Id { get; private set; }
    public Guid WarningId { get; private set; }
    public int Version { get; private set; }
    public Guid UserId { get; private set; }
    public Guid UnitId { get; private set; }
    /// <summary>The recipient's unit.</summary>
    public string UnitPath { get; private set; } = "";
    /// <summary>Channels used so far, comma-separated (inapp,email,sms).</summary>
    public string Channels { get; private set; } = "";
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedVia { get; private set; }
    public EscalationStage Stage { get; private set; }
    public DateTimeOffset? EscalateAt { get; private set; }

    public IReadOnlyList<WarningChannel> Used => Channels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<WarningChannel>).ToList();

    public static WarningDelivery Queue(Guid warningId, int version, Guid userId, Guid unitId, string unitPath, IEnumerable<WarningChannel> channels,
        WarningColour colour, DateTimeOffset now) => new()
        {
            Id = Guid.NewGuid(),
            WarningId = warningId,
            Version = version,
            UserId = userId,
            UnitId = unitId,
            UnitPath = unitPath,
            Channels = string.Join(',', channels.Distinct()),
            QueuedAt = now.ToUniversalTime(),
            Stage = EscalationStage.Recipient,
            EscalateAt = Colours.AcknowledgeWithin(colour) is { } within ? now.ToUniversalTime() + within : null,
        };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now.ToUniversalTime();

    /// <summary>By the recipient only; the first acknowledgement counts and stops the escalation.</summary>
    public bool Acknowledge(Guid userId, string via, DateTimeOffset now)
    {
        if (userId != UserId)
        {
            throw new ForbiddenException(Text.Get("Warning.NotRecipient"));
        }
        if (AcknowledgedAt is not null)
        {
            return false;
        }
        AcknowledgedAt = now.ToUniversalTime();
        AcknowledgedVia = via;
        ReadAt ??= AcknowledgedAt;
        EscalateAt = null;
        return true;
    }

    /// <summary>No more escalation (the warning was superseded, lifted or expired); not an acknowledgement.</summary>
    public void Close()
    {
        EscalateAt = null;
        Stage = EscalationStage.Done;
    }

    /// <summary>
    /// The next step when the clock has run out unacknowledged: a channel the recipient has not been sent on
    /// yet (of those they can be reached on), then their B post, then their unit head; null when nothing is due.
    /// </summary>
    public (EscalationStage Stage, WarningChannel? Channel)? Escalate(IReadOnlyCollection<WarningChannel> reachable, bool hasBPost, bool hasHead,
        WarningColour colour, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null || EscalateAt is not { } due || now < due)
        {
            return null;
        }
        var within = Colours.AcknowledgeWithin(colour);
        EscalateAt = within is null ? null : now.ToUniversalTime() + within;
        if (Stage is EscalationStage.Recipient && reachable.Except(Used).Cast<WarningChannel?>().FirstOrDefault() is { } next)
        {
            Stage = EscalationStage.NextChannel;
            Channels = string.Join(',', Used.Append(next));
            return (Stage, next);
        }
        if (Stage is EscalationStage.Recipient or EscalationStage.NextChannel && hasBPost)
        {
            Stage = EscalationStage.BPost;
            return (Stage, null);
        }
        if (Stage is not (EscalationStage.Head or EscalationStage.Done) && hasHead)
        {
            Stage = EscalationStage.Head;
            EscalateAt = null;
            return (Stage, null);
        }
        Stage = EscalationStage.Done;
        EscalateAt = null;
        return null;
    }
}
