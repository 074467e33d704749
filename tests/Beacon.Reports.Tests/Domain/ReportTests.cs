using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;

namespace Beacon.Reports.Tests.Domain;

public class ReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeadlinePolicy First = DeadlinePolicy.Defaults[0];

    private static FirstReportDraft Draft(DateTimeOffset? occurred = null, DateTimeOffset? learned = null) => new(
        "accident.fire", occurred ?? Now.AddMinutes(-30), learned ?? Now.AddMinutes(-10), "安宁县城关镇东街12号", 29.1, 119.6,
        40, 0, 2, 0, null, "电气线路老化", "城关镇、县消防救援大队", "疏散居民40人，消防到场处置", "排查周边建筑", "李信息", "13800000000");

    private static Report File(FirstReportDraft d) => Report.FileFirst(d, Guid.NewGuid(), "/a/", Guid.NewGuid(), Now, _ => true, First);

    [Fact]
    public void Filed_within_fifteen_minutes_of_learning_is_on_time()
    {
        var r = File(Draft(learned: Now.AddMinutes(-14)));
        Assert.Equal(Timeliness.OnTime, r.Timeliness);
        Assert.Equal(Now.AddMinutes(1), r.DueAt);
        Assert.Equal(r.Id, r.EventId);
    }

    [Fact]
    public void Filed_later_is_late()
    {
        var r = File(Draft(learned: Now.AddMinutes(-16)));
        Assert.Equal(Timeliness.Late, r.Timeliness);
    }

    [Fact]
    public void Every_missing_element_is_named()
    {
        var empty = new FirstReportDraft(null, null, null, " ", null, null, null, null, null, null, null, null, null, null, null, null, null);
        var ex = Assert.Throws<RequestValidationException>(() => File(empty));
        Assert.Equal(
            ["contactName", "contactPhone", "eventTypeCode", "learnedAt", "measuresPlanned", "measuresTaken", "occurredAt", "peopleAffected", "place", "unitsInvolved"],
            ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Place is required.", ex.Errors["place"][0]);
    }

    [Fact]
    public void Times_in_the_future_beyond_the_skew_are_refused_but_a_small_skew_is_taken_as_now()
    {
        var ex = Assert.Throws<RequestValidationException>(() => File(Draft(occurred: Now.AddMinutes(-5), learned: Now.AddMinutes(10))));
        Assert.Contains("learnedAt", ex.Errors.Keys);
        var r = File(Draft(occurred: Now.AddMinutes(-5), learned: Now.AddMinutes(1)));
        Assert.Equal(Now, r.LearnedAt);
    }

    [Fact]
    public void Learning_of_it_before_it_happened_is_refused() =>
        Assert.Equal("The unit cannot have learned of the event before it happened.",
            Assert.Throws<RequestValidationException>(() => File(Draft(occurred: Now.AddMinutes(-5), learned: Now.AddMinutes(-20)))).Errors["learnedAt"][0]);

    [Fact]
    public void Negative_counts_and_half_coordinates_are_refused()
    {
        var d = Draft() with { Deaths = -1, Missing = -2, Longitude = null };
        var ex = Assert.Throws<RequestValidationException>(() => File(d));
        Assert.Contains("deaths", ex.Errors.Keys);
        Assert.Contains("missing", ex.Errors.Keys);
        Assert.Contains("latitude", ex.Errors.Keys);
    }

    [Fact]
    public void An_unknown_event_type_is_named()
    {
        var ex = Assert.Throws<RequestValidationException>(() =>
            Report.FileFirst(Draft() with { EventTypeCode = "alien.invasion" }, Guid.NewGuid(), "/a/", Guid.NewGuid(), Now, _ => false, First));
        Assert.Equal("Unknown event type 'alien.invasion'.", ex.Errors["eventTypeCode"][0]);
    }

    [Fact]
    public void The_default_taxonomy_has_stable_unique_codes_under_six_categories()
    {
        var all = EventTaxonomy.Defaults;
        Assert.Equal(all.Count, all.Select(t => t.Code).Distinct().Count());
        Assert.Equal(6, all.Count(t => t.IsCategory));
        Assert.All(all.Where(t => !t.IsCategory), t => Assert.StartsWith(t.ParentCode + ".", t.Code, StringComparison.Ordinal));
        Assert.Contains(all, t => t.Code == "accident.hazardous-chemicals" && t.NameZh == "危险化学品事故");
    }
}

public class AssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Report Filed() => Report.FileFirst(new FirstReportDraft(
            "natural.flood", Now.AddMinutes(-20), Now.AddMinutes(-10), "白河渡口", null, null, 300, 0, 0, 1, 2.5, null,
            "渡口镇", "转移群众", "加固堤防", "陈", "139"),
        Guid.NewGuid(), "/a/", Guid.NewGuid(), Now, _ => true, DeadlinePolicy.Defaults[0], DeadlinePolicy.Defaults[1]);

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 720)]
    public void Assessing_sets_the_level_and_starts_the_upward_clock_of_that_level(int level, int minutes)
    {
        var r = Filed();
        r.Assess(level, "洪水漫堤，需县级响应", Guid.NewGuid(), Now.AddMinutes(20), DeadlinePolicy.Defaults);
        Assert.Equal((EventLevel)level, r.Level);
        Assert.Equal(Now.AddMinutes(20 + minutes), r.UpwardDueAt);
        Assert.Equal(Timeliness.OnTime, r.AssessmentTimeliness);
    }

    [Fact]
    public void An_assessment_after_thirty_minutes_is_late()
    {
        var r = Filed();
        Assert.Equal(Now.AddMinutes(30), r.AssessmentDueAt);
        r.Assess(3, "一般", Guid.NewGuid(), Now.AddMinutes(31), DeadlinePolicy.Defaults);
        Assert.Equal(Timeliness.Late, r.AssessmentTimeliness);
    }

    [Fact]
    public void A_report_is_assessed_once_and_needs_a_level_and_a_summary()
    {
        var r = Filed();
        var bad = Assert.Throws<RequestValidationException>(() => r.Assess(5, " ", Guid.NewGuid(), Now, DeadlinePolicy.Defaults));
        Assert.Contains("level", bad.Errors.Keys);
        Assert.Contains("summary", bad.Errors.Keys);
        Assert.Null(r.Level);
        r.Assess(2, "较大", Guid.NewGuid(), Now, DeadlinePolicy.Defaults);
        Assert.Throws<ConflictException>(() => r.Assess(1, "改判", Guid.NewGuid(), Now, DeadlinePolicy.Defaults));
        Assert.Equal(EventLevel.II, r.Level);
    }
}

public class FlagTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Report Filed() => Report.FileFirst(new FirstReportDraft(
            "accident.fire", Now.AddMinutes(-20), Now.AddMinutes(-10), "东街", null, null, 3, 0, 0, 0, null, null,
            "城关镇", "灭火", "调查", "李", "138"),
        Guid.NewGuid(), "/a/b/", Guid.NewGuid(), Now, _ => true, DeadlinePolicy.Defaults[0]);

    [Theory]
    [InlineData("suppressed", FlagKind.Suppressed)]
    [InlineData("Concealed", FlagKind.Concealed)]
    [InlineData("false", FlagKind.False)]
    public void A_flag_names_its_kind_and_belongs_to_the_reports_unit(string kind, FlagKind expected)
    {
        var report = Filed();
        var flag = ReportFlag.Raise(report, kind, "伤亡人数与医院数据不符", Guid.NewGuid(), Now);
        Assert.Equal(expected, flag.Kind);
        Assert.Equal(report.UnitPath, flag.UnitPath);
        Assert.Equal(report.UnitId, flag.UnitId);
    }

    [Theory]
    [InlineData("late", "理由")]
    [InlineData("2", "理由")]
    [InlineData("wrong", " ")]
    [InlineData("wrong,concealed", "理由")]
    public void A_flag_needs_a_known_kind_and_a_reason(string kind, string reason) =>
        Assert.Throws<RequestValidationException>(() => ReportFlag.Raise(Filed(), kind, reason, Guid.NewGuid(), Now));
}
