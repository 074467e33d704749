using System.Globalization;
using Beacon.Hazards.Domain;
using Beacon.Platform.Common;

namespace Beacon.Hazards.Tests;

public sealed class ScreeningPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid TownA = Guid.NewGuid();
    private static readonly Guid TownB = Guid.NewGuid();
    private static readonly Guid TownC = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Planner = Guid.NewGuid();
    private static readonly Guid Scheduler = Guid.NewGuid();

    private static ScreeningPlanInput Input(ScreeningKind kind = ScreeningKind.Comprehensive, bool recurring = true) =>
        new(Office, "/o/", kind, "安全生产综合排查", ["消防", "燃气"], [(TownA, "/o/a/"), (TownB, "/o/b/"), (TownC, "/o/c/")], [Owner],
            new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), recurring);

    private static ScreeningPlan Plan(ScreeningKind kind = ScreeningKind.Comprehensive, bool recurring = true) =>
        ScreeningPlan.Create(Input(kind, recurring), Planner, Now);

    [Fact]
    public void Create_Valid_PlanWithItsScope()
    {
        var input = Input() with { Title = " 安全生产综合排查 ", Domains = [" 消防 ", "燃气", "消防"], OwnerIds = [Owner, Owner] };
        var plan = ScreeningPlan.Create(input, Planner, Now);

        Assert.Equal(Office, plan.UnitId);
        Assert.Equal("/o/", plan.UnitPath);
        Assert.Equal(ScreeningKind.Comprehensive, plan.Kind);
        Assert.Equal("安全生产综合排查", plan.Title);
        Assert.Equal(["消防", "燃气"], plan.Domains);
        Assert.Equal([TownA, TownB, TownC], plan.ScopeUnitIds);
        Assert.Equal([Owner], plan.OwnerIds);
        Assert.Equal(new DateOnly(2026, 7, 1), plan.StartsOn);
        Assert.Equal(new DateOnly(2026, 9, 30), plan.EndsOn);
        Assert.True(plan.Recurring);
        Assert.Null(plan.RecurrenceOf);
        Assert.Equal(Planner, plan.CreatedBy);
        Assert.Equal(Now, plan.CreatedAt);
        Assert.Equal(1, plan.Revision);
    }

    [Fact]
    public void Create_EverythingMissing_AllReportedTogether()
    {
        var input = new ScreeningPlanInput(Office, "/o/", (ScreeningKind)9, " ", [], [], [], null, null, true);
        var e = Assert.Throws<RequestValidationException>(() => ScreeningPlan.Create(input, Planner, Now));
        foreach (var field in new[] { "kind", "title", "domains", "scopeUnitIds", "ownerIds", "startsOn", "endsOn", "recurring" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Create_EndBeforeStart_ValidationError()
    {
        var input = Input() with { StartsOn = new DateOnly(2026, 9, 30), EndsOn = new DateOnly(2026, 9, 29) };
        var e = Assert.Throws<RequestValidationException>(() => ScreeningPlan.Create(input, Planner, Now));
        Assert.True(e.Errors.ContainsKey("endsOn"));
    }

    [Fact]
    public void Create_OneDayPlan_Accepted()
    {
        var input = Input(ScreeningKind.AdHoc, recurring: false) with { StartsOn = new DateOnly(2026, 7, 3), EndsOn = new DateOnly(2026, 7, 3) };
        Assert.Equal(ScreeningKind.AdHoc, ScreeningPlan.Create(input, Planner, Now).Kind);
    }

    [Fact]
    public void Create_UnitOutsideTheOfficesSubtree_ValidationError()
    {
        var input = Input() with { ScopeUnits = [(TownA, "/o/a/"), (Guid.NewGuid(), "/x/y/")] };
        var e = Assert.Throws<RequestValidationException>(() => ScreeningPlan.Create(input, Planner, Now));
        Assert.True(e.Errors.ContainsKey("scopeUnitIds"));
    }

    [Fact]
    public void Create_DomainOverLimit_ValidationErrorOnThatDomain()
    {
        var input = Input() with { Domains = ["消防", new string('燃', 41)] };
        var e = Assert.Throws<RequestValidationException>(() => ScreeningPlan.Create(input, Planner, Now));
        Assert.True(e.Errors.ContainsKey("domains[1]"));
    }

    [Fact]
    public void Create_AdHocRecurring_ValidationError()
    {
        var e = Assert.Throws<RequestValidationException>(() => Plan(ScreeningKind.AdHoc, recurring: true));
        Assert.True(e.Errors.ContainsKey("recurring"));
    }

    [Theory]
    [InlineData(ScreeningKind.Comprehensive, "2026-11-15", "2027-01-01", "2027-03-31")]
    [InlineData(ScreeningKind.Comprehensive, "2026-09-30", "2026-10-01", "2026-12-31")]
    [InlineData(ScreeningKind.Comprehensive, "2026-01-01", "2026-04-01", "2026-06-30")]
    [InlineData(ScreeningKind.Comprehensive, "2026-12-31", "2027-01-01", "2027-03-31")]
    [InlineData(ScreeningKind.Special, "2026-11-15", "2026-12-01", "2026-12-31")]
    [InlineData(ScreeningKind.Special, "2026-12-31", "2027-01-01", "2027-01-31")]
    [InlineData(ScreeningKind.Special, "2028-01-31", "2028-02-01", "2028-02-29")]
    public void NextPeriod_TheCalendarQuarterOrMonthAfter(ScreeningKind kind, string after, string start, string end)
    {
        var period = ScreeningPlan.NextPeriod(kind, DateOnly.Parse(after, CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), period.End);
    }

    [Fact]
    public void NextPeriod_AdHoc_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScreeningPlan.NextPeriod(ScreeningKind.AdHoc, new DateOnly(2026, 11, 15)));
    }

    [Fact]
    public void NextOccurrence_PeriodNotEnded_Null()
    {
        Assert.Null(Plan().NextOccurrence(new DateOnly(2026, 9, 30), Scheduler, Now));
    }

    [Fact]
    public void NextOccurrence_NotRecurring_Null()
    {
        Assert.Null(Plan(recurring: false).NextOccurrence(new DateOnly(2026, 10, 1), Scheduler, Now));
    }

    [Fact]
    public void NextOccurrence_QuarterEnded_NextQuarterWithTheSameScopeAndThePeriodInTheTitle()
    {
        var plan = Plan();
        var at = Now.AddDays(92);
        var next = plan.NextOccurrence(new DateOnly(2026, 10, 1), Scheduler, at)!;

        Assert.NotNull(next);
        Assert.NotEqual(plan.Id, next.Id);
        Assert.Equal(plan.Id, next.RecurrenceOf);
        Assert.Equal("安全生产综合排查（2026年第4季度）", next.Title);
        Assert.Equal(new DateOnly(2026, 10, 1), next.StartsOn);
        Assert.Equal(new DateOnly(2026, 12, 31), next.EndsOn);
        Assert.Equal(plan.Domains, next.Domains);
        Assert.Equal(plan.ScopeUnitIds, next.ScopeUnitIds);
        Assert.Equal(plan.OwnerIds, next.OwnerIds);
        Assert.Equal(plan.UnitPath, next.UnitPath);
        Assert.True(next.Recurring);
        Assert.Equal(Scheduler, next.CreatedBy);
        Assert.Equal(at, next.CreatedAt);
        Assert.Equal(1, next.Revision);

        // The generated plan's own period suffix gives way to the next one.
        var after = next.NextOccurrence(new DateOnly(2027, 1, 2), Scheduler, at.AddDays(92));
        Assert.Equal("安全生产综合排查（2027年第1季度）", after!.Title);
        Assert.Equal(next.Id, after.RecurrenceOf);
    }

    [Fact]
    public void NextOccurrence_MonthEnded_NextMonth()
    {
        var input = Input(ScreeningKind.Special) with
        {
            Title = "燃气专项排查",
            StartsOn = new DateOnly(2026, 11, 1),
            EndsOn = new DateOnly(2026, 11, 30),
        };
        var plan = ScreeningPlan.Create(input, Planner, Now);

        var next = plan.NextOccurrence(new DateOnly(2026, 12, 1), Scheduler, Now);

        Assert.Equal("燃气专项排查（2026年12月）", next!.Title);
        Assert.Equal(new DateOnly(2026, 12, 1), next.StartsOn);
        Assert.Equal(new DateOnly(2026, 12, 31), next.EndsOn);
    }

    [Fact]
    public void NextOccurrence_SweepStoppedForMonths_ThePeriodUnderWayNotThosePast()
    {
        var next = Plan().NextOccurrence(new DateOnly(2027, 2, 10), Scheduler, Now);

        Assert.Equal(new DateOnly(2027, 1, 1), next!.StartsOn);
        Assert.Equal(new DateOnly(2027, 3, 31), next.EndsOn);
        Assert.EndsWith("（2027年第1季度）", next.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void NextOccurrence_LongTitle_CutToFitTheSuffix()
    {
        var plan = ScreeningPlan.Create(Input() with { Title = new string('查', 200) }, Planner, Now);
        var next = plan.NextOccurrence(new DateOnly(2026, 10, 1), Scheduler, Now);
        Assert.Equal(ScreeningPlan.MaxTitle, next!.Title.Length);
        Assert.EndsWith("（2026年第4季度）", next.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void StopRecurring_NoMorePlans()
    {
        var plan = Plan();
        plan.StopRecurring();
        Assert.False(plan.Recurring);
        Assert.Equal(2, plan.Revision);
        Assert.Null(plan.NextOccurrence(new DateOnly(2026, 10, 1), Scheduler, Now));
    }

    [Fact]
    public void File_InPeriod_OnTime()
    {
        var plan = Plan();
        var result = ScreeningResult.File(plan, TownA, "/o/a/", 3, " 发现隐患3处 ", Owner, Now.AddDays(10), China);

        Assert.Equal(plan.Id, result.PlanId);
        Assert.Equal(TownA, result.UnitId);
        Assert.Equal("/o/a/", result.UnitPath);
        Assert.Equal(3, result.HazardsFound);
        Assert.Equal("发现隐患3处", result.Note);
        Assert.Equal(Owner, result.FiledBy);
        Assert.Equal(Now.AddDays(10), result.FiledAt);
        Assert.False(result.Late);
    }

    [Fact]
    public void File_BeforeTheStartLocally_DomainException()
    {
        var plan = Plan();
        // 2026-06-30 15:59 UTC is still 23:59 on 30 June in China.
        var e = Assert.Throws<DomainException>(() =>
            ScreeningResult.File(plan, TownA, "/o/a/", 0, null, Owner, new DateTimeOffset(2026, 6, 30, 15, 59, 0, TimeSpan.Zero), China));
        Assert.Equal("planId", e.Field);
        // 16:00 UTC is midnight of 1 July there.
        var first = ScreeningResult.File(plan, TownA, "/o/a/", 0, null, Owner, new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), China);
        Assert.False(first.Late);
    }

    [Fact]
    public void File_AfterTheEnd_TakenButLate()
    {
        var plan = Plan();
        var lastDay = ScreeningResult.File(plan, TownA, "/o/a/", 0, null, Owner, new DateTimeOffset(2026, 9, 30, 15, 59, 0, TimeSpan.Zero), China);
        var dayAfter = ScreeningResult.File(plan, TownB, "/o/b/", 0, null, Owner, new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), China);

        Assert.False(lastDay.Late);
        Assert.True(dayAfter.Late);
    }

    [Fact]
    public void File_UnitNotInScope_DomainException()
    {
        var e = Assert.Throws<DomainException>(() => ScreeningResult.File(Plan(), Guid.NewGuid(), "/o/z/", 0, null, Owner, Now.AddDays(1), China));
        Assert.Equal("unitId", e.Field);
    }

    [Fact]
    public void File_NegativeCountOrLongNote_ValidationErrors()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            ScreeningResult.File(Plan(), TownA, "/o/a/", -1, new string('x', 2001), Owner, Now.AddDays(1), China));
        Assert.True(e.Errors.ContainsKey("hazardsFound"));
        Assert.True(e.Errors.ContainsKey("note"));
    }

    [Fact]
    public void Coverage_TwoOfThreeFiled_TheThirdMissing()
    {
        var plan = Plan();
        var results = new[]
        {
            ScreeningResult.File(plan, TownA, "/o/a/", 1, null, Owner, Now.AddDays(1), China),
            ScreeningResult.File(plan, TownC, "/o/c/", 0, null, Owner, Now.AddDays(2), China),
            ScreeningResult.File(plan, TownC, "/o/c/", 2, "补报", Owner, Now.AddDays(3), China),
        };

        var coverage = ScreeningResult.Coverage(plan.ScopeUnitIds.ToList(), results);

        Assert.Equal(3, coverage.InScope);
        Assert.Equal(2, coverage.Filed);
        Assert.Equal([TownB], coverage.Missing);
    }

    [Fact]
    public void Coverage_NoResults_EveryUnitMissing()
    {
        var coverage = ScreeningResult.Coverage([TownA, TownB], []);
        Assert.Equal(2, coverage.InScope);
        Assert.Equal(0, coverage.Filed);
        Assert.Equal([TownA, TownB], coverage.Missing);
    }
}
