using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Reports.Domain;

namespace Beacon.Reports.Tests.Domain;

public sealed class UpwardRouteTests
{
    private static readonly UnitKind[] Village = [UnitKind.Province, UnitKind.City, UnitKind.County, UnitKind.Township, UnitKind.Village];

    [Theory]
    [InlineData(EventLevel.I, 4, true)]
    [InlineData(EventLevel.I, 1, true)]
    [InlineData(EventLevel.I, 0, false)]
    [InlineData(EventLevel.III, 2, true)]
    [InlineData(EventLevel.III, 1, false)]
    [InlineData(EventLevel.IV, 3, true)]
    [InlineData(EventLevel.IV, 2, false)]
    public void An_event_travels_up_to_the_province_city_or_county_by_its_level(EventLevel level, int depth, bool mustGoOn) =>
        Assert.Equal(mustGoOn, UpwardRoute.MustGoOn(Village[..(depth + 1)], level));

    [Fact]
    public void In_a_city_rooted_tree_a_level_I_event_stops_at_the_root()
    {
        Assert.True(UpwardRoute.MustGoOn([UnitKind.City, UnitKind.County], EventLevel.I));
        Assert.False(UpwardRoute.MustGoOn([UnitKind.City], EventLevel.I));
        // A level III event has reached the city, the root, whichever depth that is.
        Assert.False(UpwardRoute.MustGoOn([UnitKind.City], EventLevel.III));
    }

    [Fact]
    public void A_department_ranks_below_the_unit_it_is_attached_to()
    {
        Assert.Equal(3, UpwardRoute.Rank([UnitKind.Province, UnitKind.City, UnitKind.County, UnitKind.Department]));
        Assert.True(UpwardRoute.MustGoOn([UnitKind.Province, UnitKind.City, UnitKind.County, UnitKind.Department], EventLevel.IV));
        Assert.False(UpwardRoute.MustGoOn([UnitKind.Province, UnitKind.City, UnitKind.County], EventLevel.IV));
    }

    [Fact]
    public void A_shift_that_has_begun_keeps_its_start_and_posts_but_its_end_may_move()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var shift = DutyShift.Plan(Guid.NewGuid(), "/x/", start, start.AddHours(12), a, b, null, [], _ => true, _ => true);
        var now = start.AddHours(1);
        Assert.Throws<ConflictException>(() => shift.Change(start, start.AddHours(12), b, a, null, [], _ => true, _ => true, null, now));
        shift.Change(start, start.AddHours(10), a, b, null, [], _ => true, _ => true, null, now);
        Assert.Equal(start.AddHours(10), shift.EndsAt);
        // Before it begins, anything may change.
        shift.Change(start, start.AddHours(10), b, a, null, [], _ => true, _ => true, null, start.AddHours(-1));
        Assert.Equal(b, shift.APostUserId);
    }
}
