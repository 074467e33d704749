using Beacon.Hazards.Domain;
using Beacon.Platform.Common;

namespace Beacon.Hazards.Tests;

/// <summary>The due colour of a hazard in lists; the platform's Due.Of is tested with the platform.</summary>
public sealed class DueTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Now.AddDays(10);
    private static readonly Guid[] Evidence = [Guid.NewGuid()];

    private static Hazard Rectifying()
    {
        var h = Hazard.Record(new RecordInput(Guid.NewGuid(), "/o/t/", "YH-2026-000123", HazardSource.Inspection, "消防", "城东加油站",
            "消防通道被杂物堵塞", 4, 4), RiskMatrix.Default(), Guid.NewGuid(), Now);
        h.SetRectification(Guid.NewGuid(), "李四", "清理杂物", Deadline, Guid.NewGuid(), Now);
        return h;
    }

    [Theory]
    [InlineData(-TimeSpan.TicksPerDay * 4, DueColour.OnTrack)]
    [InlineData(-TimeSpan.TicksPerDay * 3 - 1, DueColour.OnTrack)]
    [InlineData(-TimeSpan.TicksPerDay * 3, DueColour.DueSoon)]
    [InlineData(0L, DueColour.DueSoon)]
    [InlineData(1L, DueColour.Overdue)]
    [InlineData(TimeSpan.TicksPerDay * 30, DueColour.Overdue)]
    public void Due_Rectifying_OnTrackThenDueSoonWithinThreeDaysThenOverdue(long ticksFromDeadline, DueColour colour)
    {
        var h = Rectifying();
        var at = Deadline.AddTicks(ticksFromDeadline);

        Assert.Equal(colour, h.Due(at));
        Assert.Equal(colour == DueColour.Overdue, h.IsOverdue(at));
    }

    [Fact]
    public void Due_OpenWithoutDeadline_None()
    {
        var h = Hazard.Record(new RecordInput(Guid.NewGuid(), "/o/t/", "YH-2026-000124", HazardSource.Inspection, "燃气", "城西菜市场",
            "燃气管道锈蚀", 2, 2), RiskMatrix.Default(), Guid.NewGuid(), Now);

        Assert.Equal(DueColour.None, h.Due(Now.AddYears(1)));
        Assert.False(h.IsOverdue(Now.AddYears(1)));
    }

    [Fact]
    public void Due_ClosureSubmittedOrClosed_NoneEvenPastTheDeadline()
    {
        var h = Rectifying();
        h.SubmitClosure(Evidence, "已清理", Guid.NewGuid(), Now.AddDays(5));
        Assert.Equal(DueColour.None, h.Due(Deadline.AddDays(1)));

        h.AcceptClosure(Guid.NewGuid(), Now.AddDays(6));
        Assert.Equal(DueColour.None, h.Due(Deadline.AddDays(1)));
        Assert.False(h.IsOverdue(Deadline.AddDays(1)));
    }

    [Fact]
    public void Due_ClosureSentBackAfterTheDeadline_OverdueAgain()
    {
        var h = Rectifying();
        h.SubmitClosure(Evidence, "已清理", Guid.NewGuid(), Now.AddDays(5));
        h.ReturnClosure("照片不清晰", Guid.NewGuid(), Deadline.AddDays(1));

        Assert.Equal(DueColour.Overdue, h.Due(Deadline.AddDays(1)));
    }

    [Fact]
    public void Due_ExtensionGranted_ColourFollowsTheNewDeadline()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Guid.NewGuid(), Now.AddDays(1), 2);
        Assert.Equal(DueColour.Overdue, h.Due(Deadline.AddDays(1)));

        h.DecideExtension(x.Id, true, null, Guid.NewGuid(), Now.AddDays(2));

        Assert.Equal(DueColour.OnTrack, h.Due(Deadline.AddDays(1)));
        Assert.Equal(DueColour.DueSoon, h.Due(Deadline.AddDays(5)));
    }
}
