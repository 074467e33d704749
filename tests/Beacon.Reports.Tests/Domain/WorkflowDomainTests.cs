using Beacon.Platform.Common;
using Beacon.Platform.Deadlines.Domain;
using Beacon.Reports.Domain;

namespace Beacon.Reports.Tests.Domain;

public class DeadlineResolutionTests
{
    private static DeadlinePolicy Rule(IEnumerable<DeadlinePolicy> rules, DeadlineKind kind, EventLevel? level) =>
        DeadlinePolicy.For(rules, kind, level)!;

    [Fact]
    public void The_duty_desk_has_five_minutes_to_acknowledge_a_report_by_default() =>
        Assert.Equal(new DeadlinePolicy(DeadlineKind.Receipt, null, ClockStart.Received, TimeSpan.FromMinutes(5)),
            DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Receipt, null));

    [Fact]
    public void Without_overrides_the_defaults_are_in_force_unchanged()
    {
        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, []);
        Assert.Equal(DeadlinePolicy.Defaults, rules);
    }

    [Fact]
    public void The_nearest_units_override_wins_over_a_farther_one_and_over_the_defaults()
    {
        var root = new DeadlinePolicy(DeadlineKind.First, null, ClockStart.LearnedOf, TimeSpan.FromMinutes(20));
        var near = root with { Within = TimeSpan.FromMinutes(10) };

        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[root], [near]]);

        Assert.Equal(TimeSpan.FromMinutes(10), Rule(rules, DeadlineKind.First, null).Within);
        Assert.Single(rules, r => r.Kind == DeadlineKind.First);
        Assert.Equal(DeadlinePolicy.Defaults.Count, rules.Count);
    }

    [Fact]
    public void A_farther_override_still_wins_over_the_defaults_when_the_nearer_unit_sets_nothing()
    {
        var root = new DeadlinePolicy(DeadlineKind.First, null, ClockStart.LearnedOf, TimeSpan.FromMinutes(20));
        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[root], []]);
        Assert.Equal(TimeSpan.FromMinutes(20), Rule(rules, DeadlineKind.First, null).Within);
    }

    [Fact]
    public void A_level_specific_override_replaces_only_that_level()
    {
        var upwardII = new DeadlinePolicy(DeadlineKind.Upward, EventLevel.II, ClockStart.Assessed, TimeSpan.FromMinutes(90));

        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[upwardII]]);

        Assert.Equal(TimeSpan.FromMinutes(90), Rule(rules, DeadlineKind.Upward, EventLevel.II).Within);
        Assert.Equal(TimeSpan.FromHours(1), Rule(rules, DeadlineKind.Upward, EventLevel.I).Within);
        Assert.Equal(TimeSpan.FromHours(8), Rule(rules, DeadlineKind.Upward, EventLevel.III).Within);
        Assert.Equal(TimeSpan.FromHours(12), Rule(rules, DeadlineKind.Upward, EventLevel.IV).Within);
        Assert.Equal(TimeSpan.FromMinutes(15), Rule(rules, DeadlineKind.First, null).Within);
        Assert.Equal(TimeSpan.FromMinutes(5), Rule(rules, DeadlineKind.Receipt, null).Within);
        Assert.Equal(DeadlinePolicy.Defaults.Count, rules.Count);
    }

    [Fact]
    public void Resolving_overrides_leaves_the_defaults_themselves_untouched()
    {
        var first = new DeadlinePolicy(DeadlineKind.First, null, ClockStart.LearnedOf, TimeSpan.FromMinutes(5));
        _ = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[first]]);

        Assert.Equal(TimeSpan.FromMinutes(15), Rule(DeadlinePolicy.Defaults, DeadlineKind.First, null).Within);
        Assert.Equal(14, DeadlinePolicy.Defaults.Count);
    }

    [Fact]
    public void An_override_can_make_level_III_events_owe_follow_ups()
    {
        var followUpIII = new DeadlinePolicy(DeadlineKind.FollowUp, EventLevel.III, ClockStart.LastFollowUp, TimeSpan.FromHours(1));
        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[followUpIII]]);
        Assert.True(Report.OwesFollowUps(EventLevel.III, rules));
        Assert.False(Report.OwesFollowUps(EventLevel.IV, rules));
    }
}

public class ObligationTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = From.AddMinutes(30);
    private static readonly DeadlinePolicy FollowUpPolicy = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.FollowUp, EventLevel.I)!;

    private static ReportObligation Open() =>
        ReportObligation.FollowUp(Guid.NewGuid(), Guid.NewGuid(), $"/{Guid.NewGuid():N}/", From, FollowUpPolicy);

    [Fact]
    public void A_follow_up_is_due_thirty_minutes_after_the_last_report()
    {
        var o = Open();
        Assert.Equal(Due, o.DueAt);
        Assert.Equal(From, o.StartedAt);
        Assert.Equal(DeadlineKind.FollowUp, o.Kind);
        Assert.Equal(ObligationState.Open, o.State);
        Assert.Null(o.Timeliness);
    }

    [Fact]
    public void A_start_given_in_local_time_is_stored_in_utc()
    {
        var o = ReportObligation.FollowUp(Guid.NewGuid(), Guid.NewGuid(), "/a/", new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.FromHours(8)), FollowUpPolicy);
        Assert.Equal(Due, o.DueAt);
        Assert.Equal(TimeSpan.Zero, o.DueAt.Offset);
    }

    [Fact]
    public void It_is_missed_only_after_the_due_time_and_only_once()
    {
        var o = Open();
        Assert.False(o.MissIfDue(Due.AddSeconds(-1)));
        Assert.False(o.MissIfDue(Due));
        Assert.Equal(ObligationState.Open, o.State);
        Assert.Null(o.MissedAt);

        Assert.True(o.MissIfDue(Due.AddSeconds(1)));
        Assert.Equal(ObligationState.Missed, o.State);
        Assert.Equal(Due.AddSeconds(1), o.MissedAt);

        Assert.False(o.MissIfDue(Due.AddMinutes(10)));
        Assert.Equal(Due.AddSeconds(1), o.MissedAt);
    }

    [Fact]
    public void A_report_filed_after_a_miss_meets_it_late_and_the_miss_stays_on_record()
    {
        var o = Open();
        o.MissIfDue(Due.AddMinutes(1));
        var reportId = Guid.NewGuid();

        o.Meet(reportId, Due.AddMinutes(5));

        Assert.Equal(ObligationState.Met, o.State);
        Assert.Equal(Due.AddMinutes(1), o.MissedAt);
        Assert.Equal(Due.AddMinutes(5), o.MetAt);
        Assert.Equal(reportId, o.MetByReportId);
        Assert.Equal(Timeliness.Late, o.Timeliness);
    }

    [Fact]
    public void A_report_filed_before_or_at_the_due_time_is_on_time()
    {
        var early = Open();
        early.Meet(Guid.NewGuid(), Due.AddMinutes(-1));
        Assert.Equal(ObligationState.Met, early.State);
        Assert.Equal(Timeliness.OnTime, early.Timeliness);
        Assert.False(early.MissIfDue(Due.AddHours(1)));
        Assert.Null(early.MissedAt);

        var atDue = Open();
        atDue.Meet(Guid.NewGuid(), Due);
        Assert.Equal(Timeliness.OnTime, atDue.Timeliness);
    }

    [Fact]
    public void A_second_report_does_not_replace_the_one_that_met_it()
    {
        var o = Open();
        var first = Guid.NewGuid();
        o.Meet(first, Due.AddMinutes(-10));
        o.Meet(Guid.NewGuid(), Due.AddMinutes(10));
        Assert.Equal(first, o.MetByReportId);
        Assert.Equal(Due.AddMinutes(-10), o.MetAt);
        Assert.Equal(Timeliness.OnTime, o.Timeliness);
    }

    [Fact]
    public void Cancelling_an_open_obligation_cancels_it()
    {
        var o = Open();
        o.Cancel(From.AddMinutes(10));
        Assert.Equal(ObligationState.Cancelled, o.State);
        Assert.Equal(From.AddMinutes(10), o.CancelledAt);
        Assert.False(o.IsOwed);
        Assert.False(o.MissIfDue(Due.AddHours(1)));
        Assert.Null(o.MissedAt);
    }

    [Fact]
    public void Cancelling_a_missed_obligation_keeps_the_miss()
    {
        var o = Open();
        o.MissIfDue(Due.AddMinutes(1));
        o.Cancel(Due.AddMinutes(2));
        Assert.Equal(ObligationState.Missed, o.State);
        Assert.Null(o.CancelledAt);
        Assert.True(o.IsOwed);
    }

    [Fact]
    public void A_report_filed_against_a_cancelled_obligation_changes_nothing()
    {
        var o = Open();
        o.Cancel(From.AddMinutes(10));
        o.Meet(Guid.NewGuid(), From.AddMinutes(20));
        Assert.Equal(ObligationState.Cancelled, o.State);
        Assert.Null(o.MetAt);
        Assert.Null(o.MetByReportId);
        Assert.Null(o.Timeliness);
    }
}

public class FollowUpTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeadlinePolicy FollowUpPolicy = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.FollowUp, EventLevel.I)!;

    private static Report Filed() => Report.FileFirst(new FirstReportDraft(
            "natural.flood", Now.AddMinutes(-20), Now.AddMinutes(-10), "白河渡口", null, null, 300, 0, 0, 1, null, null,
            "渡口镇", "转移群众", "加固堤防", "陈", "139"),
        Guid.NewGuid(), $"/{Guid.NewGuid():N}/", Guid.NewGuid(), Now, _ => true,
        DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.First, null)!,
        DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Assessment, null));

    private static Report Assessed(int level)
    {
        var r = Filed();
        r.Assess(level, "summary", Guid.NewGuid(), Now.AddMinutes(10), DeadlinePolicy.Defaults);
        return r;
    }

    [Fact]
    public void Follow_ups_are_numbered_in_order_and_carry_the_events_scope()
    {
        var r = Assessed(1);
        var reporter = Guid.NewGuid();

        var first = r.AddFollowUp(new FollowUpDraft("水位回落"), reporter, mayGrade: false, Now.AddMinutes(20));
        var second = r.AddFollowUp(new FollowUpDraft("  群众已全部转移  "), reporter, mayGrade: false, Now.AddMinutes(40));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(2, r.FollowUpCount);
        Assert.Equal(r.EventId, second.EventId);
        Assert.Equal(r.UnitId, second.UnitId);
        Assert.Equal(r.UnitPath, second.UnitPath);
        Assert.Equal(reporter, second.ReporterId);
        Assert.Equal("群众已全部转移", second.Progress);
        Assert.Equal(Now.AddMinutes(40), second.FiledAt);
        Assert.True(r.IsOpen);
    }

    [Fact]
    public void The_final_report_closes_the_event_and_nothing_follows_it()
    {
        var r = Assessed(2);
        r.AddFollowUp(new FollowUpDraft("处置中"), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(20));

        var final = r.AddFollowUp(new FollowUpDraft("处置完毕", IsFinal: true), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(50));

        Assert.True(final.IsFinal);
        Assert.Equal(2, final.Sequence);
        Assert.False(r.IsOpen);
        Assert.Equal(Now.AddMinutes(50), r.ClosedAt);
        Assert.Throws<ConflictException>(() => r.AddFollowUp(new FollowUpDraft("补充"), Guid.NewGuid(), mayGrade: true, Now.AddMinutes(60)));
        Assert.Equal(2, r.FollowUpCount);
    }

    [Fact]
    public void Only_an_analyst_changes_the_level_in_a_follow_up()
    {
        var r = Assessed(2);

        Assert.Throws<ForbiddenException>(() =>
            r.AddFollowUp(new FollowUpDraft("事态扩大", Level: 1), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(20)));
        Assert.Equal(EventLevel.II, r.Level);
        Assert.Equal(0, r.FollowUpCount);

        var graded = r.AddFollowUp(new FollowUpDraft("事态扩大", Level: 1), Guid.NewGuid(), mayGrade: true, Now.AddMinutes(25));
        Assert.Equal(EventLevel.I, graded.Level);
        Assert.Equal(EventLevel.I, r.Level);
        Assert.Equal(1, graded.Sequence);
    }

    [Fact]
    public void A_level_cannot_be_given_before_the_event_is_assessed()
    {
        var r = Filed();
        var ex = Assert.Throws<RequestValidationException>(() =>
            r.AddFollowUp(new FollowUpDraft("定级", Level: 2), Guid.NewGuid(), mayGrade: true, Now.AddMinutes(5)));
        Assert.Equal("level", Assert.Single(ex.Errors).Key);
        Assert.Null(r.Level);
        Assert.Equal(0, r.FollowUpCount);
    }

    [Fact]
    public void Blank_progress_and_negative_counts_are_named()
    {
        var r = Assessed(1);
        var ex = Assert.Throws<RequestValidationException>(() =>
            r.AddFollowUp(new FollowUpDraft(" ", Deaths: -1), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(20)));
        Assert.Equal(["deaths", "progress"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, r.FollowUpCount);
        Assert.True(r.IsOpen);
    }

    [Theory]
    [InlineData(EventLevel.I, true)]
    [InlineData(EventLevel.II, true)]
    [InlineData(EventLevel.III, false)]
    [InlineData(EventLevel.IV, false)]
    [InlineData(null, false)]
    public void Only_level_I_and_II_events_owe_follow_ups_by_default(EventLevel? level, bool owes) =>
        Assert.Equal(owes, Report.OwesFollowUps(level, DeadlinePolicy.Defaults));

    [Fact]
    public void Answering_an_obligation_in_time_records_its_due_time_and_on_time()
    {
        var r = Assessed(1);
        var obligation = ReportObligation.FollowUp(r.EventId, r.UnitId, r.UnitPath, Now.AddMinutes(10), FollowUpPolicy);
        var followUp = r.AddFollowUp(new FollowUpDraft("水位回落"), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(35));
        Assert.Null(followUp.DueAt);
        Assert.Null(followUp.Timeliness);

        followUp.Answer(obligation);

        Assert.Equal(Now.AddMinutes(40), followUp.DueAt);
        Assert.Equal(Timeliness.OnTime, followUp.Timeliness);
        Assert.Equal(ObligationState.Met, obligation.State);
        Assert.Equal(followUp.Id, obligation.MetByReportId);
        Assert.Equal(Now.AddMinutes(35), obligation.MetAt);
    }

    [Fact]
    public void Answering_a_missed_obligation_is_late()
    {
        var r = Assessed(1);
        var obligation = ReportObligation.FollowUp(r.EventId, r.UnitId, r.UnitPath, Now.AddMinutes(10), FollowUpPolicy);
        obligation.MissIfDue(Now.AddMinutes(41));
        var followUp = r.AddFollowUp(new FollowUpDraft("补报"), Guid.NewGuid(), mayGrade: false, Now.AddMinutes(50));

        followUp.Answer(obligation);

        Assert.Equal(Now.AddMinutes(40), followUp.DueAt);
        Assert.Equal(Timeliness.Late, followUp.Timeliness);
        Assert.Equal(Now.AddMinutes(41), obligation.MissedAt);
        Assert.Equal(ObligationState.Met, obligation.State);
    }
}

public class ProtectionPeriodTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");
    /// <summary>01:00 on 2 March in CST, still 1 March in UTC.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DeadlinePolicy Daily = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Daily, null)!;
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly string OfficePath = $"/{Office:N}/";

    private static (Guid Id, string Path) Unit()
    {
        var id = Guid.NewGuid();
        return (id, $"{OfficePath}{id:N}/");
    }

    private static (ProtectionPeriod Period, List<ReportObligation> Dues) Declare(string? name, DateOnly? start, DateOnly? end,
        params (Guid Id, string Path)[] units) =>
        ProtectionPeriod.Declare(name, Office, OfficePath, start, end, units, Guid.NewGuid(), Now, Zone, Daily);

    [Fact]
    public void A_local_day_starts_at_local_midnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero), ProtectionPeriod.DayStart(new DateOnly(2026, 3, 2), Zone));
        Assert.Equal(Today, ProtectionPeriod.LocalDay(Now, Zone));
    }

    [Fact]
    public void Every_unit_owes_a_report_for_every_day_from_local_today_each_due_by_the_end_of_its_day()
    {
        var a = Unit();
        var b = Unit();

        var (period, dues) = Declare("两会特别防护期", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4), a, b);

        Assert.Equal(6, dues.Count);
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4)],
            dues.Select(d => d.Day!.Value).Distinct().Order());
        Assert.Equal(3, dues.Count(d => d.UnitId == a.Id));
        Assert.Equal(3, dues.Count(d => d.UnitId == b.Id));
        Assert.All(dues, d =>
        {
            Assert.Equal(DeadlineKind.Daily, d.Kind);
            Assert.Equal(period.Id, d.PeriodId);
            Assert.Equal(ObligationState.Open, d.State);
            Assert.Equal(ProtectionPeriod.DayStart(d.Day!.Value, Zone), d.StartedAt);
            Assert.Equal(ProtectionPeriod.DayStart(d.Day!.Value.AddDays(1), Zone), d.DueAt);
        });
        Assert.Contains(dues, d => d.UnitId == a.Id && d.Day == Today && d.DueAt == new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(b.Path, dues.First(d => d.UnitId == b.Id).UnitPath);
        Assert.Equal("两会特别防护期", period.Name);
        Assert.Equal(2, period.Units.Count);
    }

    [Fact]
    public void Days_already_past_owe_nothing()
    {
        var a = Unit();
        var (_, dues) = Declare("春节", new DateOnly(2026, 2, 26), Today, a);
        var due = Assert.Single(dues);
        Assert.Equal(Today, due.Day);
    }

    [Fact]
    public void A_unit_named_twice_owes_one_report_a_day()
    {
        var a = Unit();
        var (period, dues) = Declare("春节", Today, Today, a, a);
        Assert.Single(period.Units);
        Assert.Single(dues);
    }

    [Fact]
    public void A_period_of_ninety_two_days_is_allowed()
    {
        var (period, dues) = Declare("汛期", Today, Today.AddDays(91), Unit());
        Assert.Equal(92, period.Days().Count());
        Assert.Equal(92, dues.Count);
    }

    [Fact]
    public void A_unit_outside_the_offices_subtree_is_refused()
    {
        var outsider = Guid.NewGuid();
        var ex = Assert.Throws<RequestValidationException>(() =>
            Declare("汛期", Today, Today.AddDays(3), Unit(), (outsider, $"/{Guid.NewGuid():N}/{outsider:N}/")));
        Assert.Equal("unitIds", Assert.Single(ex.Errors).Key);
    }

    [Fact]
    public void A_period_ending_before_it_starts_is_refused()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Declare("汛期", Today.AddDays(3), Today.AddDays(1), Unit()));
        Assert.Equal("endDay", Assert.Single(ex.Errors).Key);
        Assert.Equal("The last day cannot come before the first.", Assert.Single(ex.Errors["endDay"]));
    }

    [Fact]
    public void A_period_longer_than_ninety_two_days_is_refused()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Declare("汛期", Today, Today.AddDays(92), Unit()));
        Assert.Equal("endDay", Assert.Single(ex.Errors).Key);
        Assert.Equal("A period lasts at most 92 days.", Assert.Single(ex.Errors["endDay"]));
    }

    [Fact]
    public void A_period_needs_a_name()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Declare(" ", Today, Today.AddDays(1), Unit()));
        Assert.Equal("name", Assert.Single(ex.Errors).Key);
    }
}

public class DailyReportTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");
    /// <summary>01:00 on 2 March in CST, still 1 March in UTC.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DeadlinePolicy Daily = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Daily, null)!;
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly string OfficePath = $"/{Office:N}/";
    private static readonly Guid Covered = Guid.NewGuid();
    private static readonly string CoveredPath = $"{OfficePath}{Covered:N}/";

    private static (ProtectionPeriod Period, List<ReportObligation> Dues) Declared() =>
        ProtectionPeriod.Declare("两会特别防护期", Office, OfficePath, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4),
            [(Covered, CoveredPath)], Guid.NewGuid(), Now, Zone, Daily);

    private static DailyReport File(ProtectionPeriod period, DateOnly? day, DateTimeOffset now, ReportObligation? due = null, Guid? unitId = null) =>
        DailyReport.File(period, unitId ?? Covered, CoveredPath, day, "辖区平稳", 0, Guid.NewGuid(), now, Zone, due);

    [Fact]
    public void Without_a_day_the_report_is_for_local_today()
    {
        var (period, _) = Declared();
        var report = File(period, null, Now);
        Assert.Equal(Today, report.Day);
        Assert.Equal(period.Id, report.PeriodId);
        Assert.Null(report.DueAt);
        Assert.Null(report.Timeliness);
    }

    [Fact]
    public void A_day_still_to_come_is_refused()
    {
        var (period, _) = Declared();
        var ex = Assert.Throws<RequestValidationException>(() => File(period, Today.AddDays(1), Now));
        Assert.Equal("day", Assert.Single(ex.Errors).Key);
        Assert.Equal("A daily report cannot be filed for a day still to come.", Assert.Single(ex.Errors["day"]));
    }

    [Fact]
    public void A_day_outside_the_period_is_refused()
    {
        var (period, _) = Declared();
        var ex = Assert.Throws<RequestValidationException>(() => File(period, new DateOnly(2026, 2, 28), Now));
        Assert.Equal("day", Assert.Single(ex.Errors).Key);
        Assert.StartsWith("The day must lie in the period", Assert.Single(ex.Errors["day"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_the_period_does_not_cover_is_refused()
    {
        var (period, _) = Declared();
        var ex = Assert.Throws<RequestValidationException>(() => File(period, Today, Now, unitId: Guid.NewGuid()));
        Assert.Equal("unitId", Assert.Single(ex.Errors).Key);
    }

    [Fact]
    public void Filing_within_the_day_meets_its_obligation_on_time()
    {
        var (period, dues) = Declared();
        var due = dues.Single(d => d.Day == Today);

        var report = File(period, null, Now, due);

        Assert.Equal(ObligationState.Met, due.State);
        Assert.Equal(report.Id, due.MetByReportId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero), report.DueAt);
        Assert.Equal(Timeliness.OnTime, report.Timeliness);
    }

    [Fact]
    public void Filing_for_yesterday_after_it_was_missed_is_late()
    {
        var (period, dues) = Declared();
        var due = dues.Single(d => d.Day == Today);
        Assert.True(due.MissIfDue(Now.AddDays(1).AddMinutes(-30)));

        var report = File(period, Today, Now.AddDays(1), due);

        Assert.Equal(Today, report.Day);
        Assert.Equal(Timeliness.Late, report.Timeliness);
        Assert.Equal(ObligationState.Met, due.State);
        Assert.NotNull(due.MissedAt);
    }
}

public class DutyShiftTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddHours(24);
    private static readonly Guid UnitId = Guid.NewGuid();
    private static readonly string UnitPath = $"/{UnitId:N}/";
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid Head = Guid.NewGuid();

    private static bool IsOfficer(Guid id) => id == A || id == B;

    private static bool IsMember(Guid id) => id == A || id == B || id == Head;

    private static DutyShift Plan(DateTimeOffset? start, DateTimeOffset? end, Guid? a, Guid? b, Guid? head, params DutyShift[] others) =>
        DutyShift.Plan(UnitId, UnitPath, start, end, a, b, head, others, IsOfficer, IsMember);

    private static RequestValidationException Refused(DateTimeOffset? start, DateTimeOffset? end, Guid? a, Guid? b, Guid? head, params DutyShift[] others) =>
        Assert.Throws<RequestValidationException>(() => Plan(start, end, a, b, head, others));

    [Fact]
    public void A_planned_shift_covers_its_start_but_not_its_end()
    {
        var shift = Plan(Start, End, A, B, Head);

        Assert.Equal(A, shift.APostUserId);
        Assert.Equal(B, shift.BPostUserId);
        Assert.Equal(Head, shift.HeadUserId);
        Assert.True(shift.Covers(Start));
        Assert.True(shift.Covers(End.AddTicks(-1)));
        Assert.False(shift.Covers(End));
        Assert.False(shift.Covers(Start.AddTicks(-1)));
    }

    [Fact]
    public void A_shift_ending_before_or_as_it_starts_is_refused()
    {
        var ex = Refused(Start, Start.AddHours(-1), A, B, Head);
        Assert.Equal("endsAt", Assert.Single(ex.Errors).Key);
        Assert.Equal("The shift must end after it starts.", Assert.Single(ex.Errors["endsAt"]));
        Assert.Equal("endsAt", Assert.Single(Refused(Start, Start, A, B, Head).Errors).Key);
    }

    [Fact]
    public void A_shift_lasts_at_most_seven_days()
    {
        Assert.Equal(Start.AddDays(7), Plan(Start, Start.AddDays(7), A, B, Head).EndsAt);
        var ex = Refused(Start, Start.AddDays(7).AddMinutes(1), A, B, Head);
        Assert.Equal("endsAt", Assert.Single(ex.Errors).Key);
        Assert.Equal("A shift lasts at most 7 days.", Assert.Single(ex.Errors["endsAt"]));
    }

    [Fact]
    public void Shifts_of_a_unit_may_not_overlap_but_may_follow_each_other()
    {
        var existing = Plan(Start, Start.AddHours(12), A, B, Head);

        var ex = Refused(Start.AddHours(11), Start.AddHours(20), B, A, Head, existing);
        Assert.Equal("startsAt", Assert.Single(ex.Errors).Key);
        Assert.Equal("The shift overlaps the one from 2026-03-01 08:00:00Z to 2026-03-01 20:00:00Z.", Assert.Single(ex.Errors["startsAt"]));

        var next = Plan(Start.AddHours(12), Start.AddHours(24), B, A, Head, existing);
        Assert.Equal(Start.AddHours(12), next.StartsAt);
    }

    [Fact]
    public void Changing_a_shift_does_not_clash_with_itself()
    {
        var shift = Plan(Start, Start.AddHours(12), A, B, Head);
        shift.Change(Start, Start.AddHours(14), A, null, Head, [shift], IsOfficer, IsMember);
        Assert.Equal(Start.AddHours(14), shift.EndsAt);
        Assert.Null(shift.BPostUserId);
    }

    [Fact]
    public void The_a_post_is_held_by_a_duty_officer()
    {
        var ex = Refused(Start, End, Head, B, null);
        Assert.Equal("aPostUserId", Assert.Single(ex.Errors).Key);
    }

    [Fact]
    public void The_b_post_is_someone_other_than_the_a_post()
    {
        var ex = Refused(Start, End, A, A, Head);
        Assert.Equal("bPostUserId", Assert.Single(ex.Errors).Key);
        Assert.Equal("The B post must be someone other than the A post.", Assert.Single(ex.Errors["bPostUserId"]));
    }

    [Fact]
    public void The_head_is_a_member_of_the_unit()
    {
        var ex = Refused(Start, End, A, B, Guid.NewGuid());
        Assert.Equal("headUserId", Assert.Single(ex.Errors).Key);
    }
}

public class DutyAlertTests
{
    private static readonly DateTimeOffset Raised = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeadlinePolicy Receipt = DeadlinePolicy.For(DeadlinePolicy.Defaults, DeadlineKind.Receipt, null)!;
    private static readonly Guid UnitId = Guid.NewGuid();
    private static readonly string UnitPath = $"/{UnitId:N}/";
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid Head = Guid.NewGuid();

    private static DutyShift Shift(Guid? b, Guid? head) =>
        DutyShift.Plan(UnitId, UnitPath, Raised.AddHours(-1), Raised.AddHours(23), A, b, head, [], _ => true, _ => true);

    private static DutyAlert Raise(DutyShift? shift) => DutyAlert.Raise(Guid.NewGuid(), UnitId, UnitPath, shift, Raised, Receipt);

    [Fact]
    public void An_unacknowledged_report_escalates_from_the_a_post_to_the_b_post_to_the_head()
    {
        var shift = Shift(B, Head);
        var alert = Raise(shift);

        Assert.Equal(AlertStage.APost, alert.Stage);
        Assert.Equal(shift.Id, alert.ShiftId);
        Assert.Equal(Raised.AddMinutes(5), alert.EscalateAt);

        Assert.Null(alert.EscalateIfDue(shift, Raised.AddMinutes(5).AddSeconds(-1), Receipt));
        Assert.Equal(AlertStage.APost, alert.Stage);

        Assert.Equal(B, alert.EscalateIfDue(shift, Raised.AddMinutes(5), Receipt));
        Assert.Equal(AlertStage.BPost, alert.Stage);
        Assert.Equal(Raised.AddMinutes(10), alert.EscalateAt);

        Assert.Null(alert.EscalateIfDue(shift, Raised.AddMinutes(9), Receipt));
        Assert.Equal(AlertStage.BPost, alert.Stage);

        Assert.Equal(Head, alert.EscalateIfDue(shift, Raised.AddMinutes(10), Receipt));
        Assert.Equal(AlertStage.Head, alert.Stage);
        Assert.Null(alert.EscalateAt);

        Assert.Null(alert.EscalateIfDue(shift, Raised.AddHours(1), Receipt));
        Assert.Equal(AlertStage.Head, alert.Stage);
    }

    [Fact]
    public void A_late_sweep_gives_the_next_post_its_full_five_minutes()
    {
        var shift = Shift(B, Head);
        var alert = Raise(shift);
        Assert.Equal(B, alert.EscalateIfDue(shift, Raised.AddMinutes(7), Receipt));
        Assert.Equal(Raised.AddMinutes(12), alert.EscalateAt);
    }

    [Fact]
    public void Without_a_b_post_the_a_post_escalates_straight_to_the_head()
    {
        var shift = Shift(null, Head);
        var alert = Raise(shift);
        Assert.Equal(Raised.AddMinutes(5), alert.EscalateAt);

        Assert.Equal(Head, alert.EscalateIfDue(shift, Raised.AddMinutes(5), Receipt));
        Assert.Equal(AlertStage.Head, alert.Stage);
        Assert.Null(alert.EscalateAt);
    }

    [Fact]
    public void With_only_an_a_post_there_is_nobody_to_escalate_to()
    {
        var shift = Shift(null, null);
        var alert = Raise(shift);
        Assert.Equal(AlertStage.APost, alert.Stage);
        Assert.Null(alert.EscalateAt);
        Assert.Null(alert.EscalateIfDue(shift, Raised.AddHours(1), Receipt));
    }

    [Fact]
    public void Without_a_shift_every_officer_is_alerted_and_nothing_escalates()
    {
        var alert = Raise(null);
        Assert.Equal(AlertStage.AllOfficers, alert.Stage);
        Assert.Null(alert.ShiftId);
        Assert.Null(alert.EscalateAt);
        Assert.Null(alert.EscalateIfDue(null, Raised.AddHours(1), Receipt));
        Assert.Equal(AlertStage.AllOfficers, alert.Stage);
    }

    [Fact]
    public void The_first_acknowledgement_counts_and_stops_the_escalation()
    {
        var shift = Shift(B, Head);
        var alert = Raise(shift);

        Assert.True(alert.Acknowledge(A, Raised.AddMinutes(2)));
        Assert.False(alert.Acknowledge(B, Raised.AddMinutes(3)));

        Assert.Equal(A, alert.AcknowledgedBy);
        Assert.Equal(Raised.AddMinutes(2), alert.AcknowledgedAt);
        Assert.Null(alert.EscalateAt);
        Assert.Null(alert.EscalateIfDue(shift, Raised.AddMinutes(5), Receipt));
        Assert.Equal(AlertStage.APost, alert.Stage);
    }
}

public class CirculationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid From = Guid.NewGuid();
    private static readonly string FromPath = $"/{From:N}/";

    private static (Guid Id, string Path) Below()
    {
        var id = Guid.NewGuid();
        return (id, $"{FromPath}{id:N}/");
    }

    private static List<Circulation> Send(params (Guid Id, string Path)[] targets) =>
        Circulation.Send(Guid.NewGuid(), From, FromPath, targets, " 请关注 ", Guid.NewGuid(), Now);

    [Fact]
    public void Each_unit_below_receives_one_circulation()
    {
        var a = Below();
        var b = Below();

        var sent = Send(a, b, a);

        Assert.Equal(2, sent.Count);
        Assert.Equal(a.Id, sent[0].UnitId);
        Assert.Equal(b.Id, sent[1].UnitId);
        Assert.All(sent, c =>
        {
            Assert.Equal(From, c.FromUnitId);
            Assert.Equal("请关注", c.Note);
            Assert.Equal(Now, c.SentAt);
            Assert.Null(c.AcknowledgedAt);
        });
        Assert.Equal(b.Path, sent.Single(c => c.UnitId == b.Id).UnitPath);
    }

    [Fact]
    public void A_unit_cannot_circulate_to_itself()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Send(Below(), (From, FromPath)));
        Assert.Equal("unitIds", Assert.Single(ex.Errors).Key);
        Assert.Equal("A report is circulated to units below your own.", Assert.Single(ex.Errors["unitIds"]));
    }

    [Fact]
    public void A_unit_cannot_circulate_beside_or_above_itself()
    {
        var sibling = Guid.NewGuid();
        var beside = Assert.Throws<RequestValidationException>(() => Send((sibling, $"/{sibling:N}/")));
        Assert.Equal("unitIds", Assert.Single(beside.Errors).Key);

        var parent = Guid.NewGuid();
        var child = Guid.NewGuid();
        var above = Assert.Throws<RequestValidationException>(() =>
            Circulation.Send(Guid.NewGuid(), child, $"/{parent:N}/{child:N}/", [(parent, $"/{parent:N}/")], null, Guid.NewGuid(), Now));
        Assert.Equal("unitIds", Assert.Single(above.Errors).Key);
    }

    [Fact]
    public void A_circulation_needs_a_unit()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Send());
        Assert.Equal("unitIds", Assert.Single(ex.Errors).Key);
        Assert.Equal("Choose at least one unit.", Assert.Single(ex.Errors["unitIds"]));
    }

    [Fact]
    public void Only_the_receiving_unit_acknowledges_and_the_first_acknowledgement_counts()
    {
        var target = Below();
        var circulation = Assert.Single(Send(target));
        var first = Guid.NewGuid();

        Assert.Throws<ForbiddenException>(() => circulation.Acknowledge(Guid.NewGuid(), From, Now.AddMinutes(1)));
        Assert.Null(circulation.AcknowledgedAt);

        Assert.True(circulation.Acknowledge(first, target.Id, Now.AddMinutes(2)));
        Assert.False(circulation.Acknowledge(Guid.NewGuid(), target.Id, Now.AddMinutes(3)));
        Assert.Equal(first, circulation.AcknowledgedBy);
        Assert.Equal(Now.AddMinutes(2), circulation.AcknowledgedAt);
    }
}

public class DeadlineOverrideTests
{
    private static readonly Guid UnitId = Guid.NewGuid();
    private static readonly string UnitPath = $"/{UnitId:N}/";

    private static RequestValidationException Refused(string? kind, int? level, int? withinMinutes) =>
        Assert.Throws<RequestValidationException>(() => DeadlineOverride.Create(UnitId, UnitPath, kind, level, withinMinutes));

    [Theory]
    [InlineData("Weekly")]
    [InlineData("99")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_kind_is_refused(string? kind) =>
        Assert.Equal("kind", Assert.Single(Refused(kind, null, 30).Errors).Key);

    [Fact]
    public void An_upward_clock_is_set_per_level()
    {
        var ex = Refused("upward", null, 30);
        Assert.Equal("level", Assert.Single(ex.Errors).Key);
        Assert.Equal("This kind's clock is set per level: give the level.", Assert.Single(ex.Errors["level"]));
    }

    [Fact]
    public void The_first_report_clock_has_no_level()
    {
        var ex = Refused("first", 2, 30);
        Assert.Equal("level", Assert.Single(ex.Errors).Key);
        Assert.Equal("This kind has no clock for that level.", Assert.Single(ex.Errors["level"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(31 * 24 * 60 + 1)]
    [InlineData(null)]
    public void The_time_allowed_lies_between_a_minute_and_thirty_one_days(int? withinMinutes) =>
        Assert.Equal("withinMinutes", Assert.Single(Refused("first", null, withinMinutes).Errors).Key);

    [Theory]
    [InlineData("first", null, 10, DeadlineKind.First, ClockStart.LearnedOf)]
    [InlineData("FollowUp", 2, 20, DeadlineKind.FollowUp, ClockStart.LastFollowUp)]
    [InlineData("upward", 3, 240, DeadlineKind.Upward, ClockStart.Assessed)]
    [InlineData("receipt", null, 3, DeadlineKind.Receipt, ClockStart.Received)]
    public void An_override_keeps_the_kinds_clock_start_and_sets_the_new_time(string kind, int? level, int minutes, DeadlineKind expectedKind, ClockStart clockStart)
    {
        var o = DeadlineOverride.Create(UnitId, UnitPath, kind, level, minutes);
        Assert.Equal(new DeadlinePolicy(expectedKind, (EventLevel?)level, clockStart, TimeSpan.FromMinutes(minutes)), o.ToPolicy());
        Assert.Equal(UnitPath, o.UnitPath);
    }

    [Fact]
    public void A_stored_override_takes_effect_when_resolved()
    {
        var o = DeadlineOverride.Create(UnitId, UnitPath, "upward", 3, 240);
        var rules = DeadlinePolicy.Resolve(DeadlinePolicy.Defaults, [[o.ToPolicy()]]);
        Assert.Equal(TimeSpan.FromHours(4), DeadlinePolicy.For(rules, DeadlineKind.Upward, EventLevel.III)!.Within);
        Assert.Equal(TimeSpan.FromHours(12), DeadlinePolicy.For(rules, DeadlineKind.Upward, EventLevel.IV)!.Within);
    }
}
