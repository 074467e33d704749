using Beacon.Platform.Common;
using Beacon.Platform.Notifications.Domain;

namespace Beacon.Platform.Tests.Notifications;

public class NotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Notification Sms() => Notification.Create(Now, "report.received", NotificationChannel.Sms, Guid.NewGuid(), "+8613800000000", "s", "b", "/a/");

    [Fact]
    public void Backoff_doubles_from_the_first_delay_up_to_the_cap()
    {
        var p = new RetryPolicy(TimeSpan.FromSeconds(15), 2, TimeSpan.FromMinutes(2), 8);
        Assert.Equal(TimeSpan.FromSeconds(15), p.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(30), p.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(60), p.DelayAfter(3));
        Assert.Equal(TimeSpan.FromMinutes(2), p.DelayAfter(4));
        Assert.Equal(TimeSpan.FromMinutes(2), p.DelayAfter(30));
    }

    [Fact]
    public void A_failure_schedules_the_next_attempt_and_the_last_one_goes_to_dead_letters()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(10), 2, TimeSpan.FromMinutes(5), 3);
        var n = Sms();
        n.MarkFailed("gateway down", Now, policy);
        Assert.Equal(DeliveryState.Pending, n.State);
        Assert.Equal(Now.AddSeconds(10), n.NextAttemptAt);
        n.MarkFailed("gateway down", Now.AddSeconds(10), policy);
        Assert.Equal(Now.AddSeconds(30), n.NextAttemptAt);
        n.MarkFailed("gateway down", Now.AddSeconds(30), policy);
        Assert.Equal(DeliveryState.DeadLetter, n.State);
        Assert.Equal(3, n.Attempts);
        Assert.Equal("gateway down", n.LastError);
    }

    [Fact]
    public void A_dead_letter_can_be_sent_again_with_fresh_attempts_but_nothing_else_can()
    {
        var n = Sms();
        Assert.Throws<DomainException>(() => n.Requeue(Now));
        n.MarkFailed("x", Now, new RetryPolicy(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(1), 1));
        n.Requeue(Now.AddHours(1));
        Assert.Equal(DeliveryState.Pending, n.State);
        Assert.Equal(0, n.Attempts);
        Assert.Equal(Now.AddHours(1), n.NextAttemptAt);
    }

    [Fact]
    public void Only_the_recipient_acknowledges_and_the_first_time_is_kept()
    {
        var user = Guid.NewGuid();
        var n = Notification.Create(Now, "t", NotificationChannel.InApp, user, "", "s", "b", "/a/");
        Assert.Throws<ForbiddenException>(() => n.Acknowledge(Guid.NewGuid(), Now));
        n.Acknowledge(user, Now.AddMinutes(1));
        n.Acknowledge(user, Now.AddMinutes(5));
        Assert.Equal(Now.AddMinutes(1), n.AcknowledgedAt);
    }

    [Fact]
    public void Sending_clears_the_error_and_the_lease()
    {
        var n = Sms();
        n.MarkFailed("timeout", Now, RetryPolicy.Default);
        n.MarkSent(Now.AddMinutes(1));
        Assert.Equal(DeliveryState.Sent, n.State);
        Assert.Null(n.LastError);
        Assert.Equal(2, n.Attempts);
        Assert.Equal(Now.AddMinutes(1), n.SentAt);
    }

    [Fact]
    public void Outside_channels_need_an_address_and_in_app_a_recipient()
    {
        Assert.Throws<ArgumentException>(() => Notification.Create(Now, "t", NotificationChannel.Email, null, " ", "s", "b", "/"));
        Assert.Throws<ArgumentException>(() => Notification.Create(Now, "t", NotificationChannel.InApp, null, "", "s", "b", "/"));
    }
}
