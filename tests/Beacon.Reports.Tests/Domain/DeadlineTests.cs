using Beacon.Platform.Deadlines.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.Reports.Tests.Domain;

public class DeadlineTests
{
    [Theory]
    [InlineData(DeadlineKind.First, null, 15)]
    [InlineData(DeadlineKind.Assessment, EventLevel.II, 30)]
    [InlineData(DeadlineKind.Upward, EventLevel.I, 60)]
    [InlineData(DeadlineKind.Upward, EventLevel.II, 120)]
    [InlineData(DeadlineKind.Upward, EventLevel.III, 480)]
    [InlineData(DeadlineKind.Upward, EventLevel.IV, 720)]
    [InlineData(DeadlineKind.FollowUp, EventLevel.I, 30)]
    public void Defaults_follow_the_procedures(DeadlineKind kind, EventLevel? level, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), DeadlinePolicy.For(DeadlinePolicy.Defaults, kind, level)!.Within);

    [Fact]
    public void No_follow_up_clock_runs_for_level_III_and_IV() =>
        Assert.Null(DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.FollowUp, EventLevel.III));

    [Fact]
    public void A_level_specific_rule_wins_over_a_general_one()
    {
        DeadlinePolicy[] policies =
        [
            new(DeadlineKind.First, null, ClockStart.LearnedOf, TimeSpan.FromMinutes(15)),
            new(DeadlineKind.First, EventLevel.I, ClockStart.LearnedOf, TimeSpan.FromMinutes(10)),
        ];
        Assert.Equal(TimeSpan.FromMinutes(10), DeadlinePolicy.For(policies, DeadlineKind.First, EventLevel.I)!.Within);
        Assert.Equal(TimeSpan.FromMinutes(15), DeadlinePolicy.For(policies, DeadlineKind.First, EventLevel.IV)!.Within);
    }

    [Fact]
    public void A_deadline_is_open_then_late_when_its_time_passes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var d = Deadline.Start(DeadlinePolicy.Defaults[0], clock.GetUtcNow());
        Assert.Null(d.StateAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(d.StateAt(clock.GetUtcNow())); // due at exactly this moment: not late yet
        Assert.Equal(TimeSpan.Zero, d.RemainingAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Timeliness.Late, d.StateAt(clock.GetUtcNow()));
    }

    [Fact]
    public void A_met_deadline_keeps_its_verdict()
    {
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var d = Deadline.Start(DeadlinePolicy.Defaults[0], start);
        Assert.Equal(Timeliness.OnTime, d.Meet(start.AddMinutes(14)).StateAt(start.AddDays(1)));
        Assert.Equal(Timeliness.Late, d.Meet(start.AddMinutes(16)).StateAt(start.AddMinutes(16)));
    }
}
