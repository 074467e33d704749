using Beacon.Platform.Common;

namespace Beacon.Platform.Tests.Common;

public sealed class DueTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TimeSpan.TicksPerDay * 30, DueColour.OnTrack)]
    [InlineData(TimeSpan.TicksPerDay * 3 + 1, DueColour.OnTrack)]
    [InlineData(TimeSpan.TicksPerDay * 3, DueColour.DueSoon)]
    [InlineData(TimeSpan.TicksPerMinute, DueColour.DueSoon)]
    [InlineData(0L, DueColour.DueSoon)]
    [InlineData(-1L, DueColour.Overdue)]
    [InlineData(-TimeSpan.TicksPerDay * 10, DueColour.Overdue)]
    public void Of_DefaultWindow_ColourByTimeLeft(long ticksLeft, DueColour expected)
    {
        Assert.Equal(expected, Due.Of(Now.AddTicks(ticksLeft), false, Now));
    }

    [Theory]
    [InlineData(TimeSpan.TicksPerHour + 1, DueColour.OnTrack)]
    [InlineData(TimeSpan.TicksPerHour, DueColour.DueSoon)]
    [InlineData(-1L, DueColour.Overdue)]
    public void Of_GivenWindow_DueSoonWithinIt(long ticksLeft, DueColour expected)
    {
        Assert.Equal(expected, Due.Of(Now.AddTicks(ticksLeft), false, Now, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Of_NoDeadline_None()
    {
        Assert.Equal(DueColour.None, Due.Of(null, false, Now));
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(1)]
    [InlineData(10)]
    public void Of_Done_NoneWhateverTheDeadline(int days)
    {
        Assert.Equal(DueColour.None, Due.Of(Now.AddDays(days), true, Now));
    }

    [Fact]
    public void Of_DeadlineInAnotherOffset_ComparedAsInstants()
    {
        // 09:00 at +08:00 is 01:00 UTC: exactly now, so still due soon.
        var deadline = new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(DueColour.DueSoon, Due.Of(deadline, false, Now));
        Assert.Equal(DueColour.Overdue, Due.Of(deadline, false, Now.AddTicks(1)));
    }

    [Fact]
    public void DefaultSoon_IsThreeDays()
    {
        Assert.Equal(TimeSpan.FromDays(3), Due.DefaultSoon);
    }
}
