using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Tests;

public sealed class ResponseTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ReportWindow = TimeSpan.FromDays(7);
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid Commander = Guid.NewGuid();
    private static readonly Guid Leader = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();

    private static ActivateInput Input(int level, ResponsePlan? plan = null, Guid? commander = null) =>
        new(Office, "/a/", "natural.flood", "安宁县东江沿岸", "东江沿岸3个乡镇，约1.2万人", level, commander ?? Commander, Plan: plan);

    private static Response Activated(int level = 2, ResponsePlan? plan = null) =>
        Response.Activate(Input(level, plan), Authority.PrincipalLeader, Leader, Now, Interval);

    private static Response Terminated(int level = 2)
    {
        var r = Activated(level);
        r.RequestTermination("洪水退去，险情解除", Leader, Authority.PrincipalLeader, Now.AddHours(10), ReportWindow);
        return r;
    }

    [Theory]
    [InlineData(Authority.PrincipalLeader, 1, true)]
    [InlineData(Authority.PrincipalLeader, 2, true)]
    [InlineData(Authority.PrincipalLeader, 3, true)]
    [InlineData(Authority.PrincipalLeader, 4, true)]
    [InlineData(Authority.LeaderInCharge, 1, false)]
    [InlineData(Authority.LeaderInCharge, 2, true)]
    [InlineData(Authority.LeaderInCharge, 3, true)]
    [InlineData(Authority.LeaderInCharge, 4, true)]
    [InlineData(Authority.UnitHead, 1, false)]
    [InlineData(Authority.UnitHead, 2, false)]
    [InlineData(Authority.UnitHead, 3, true)]
    [InlineData(Authority.UnitHead, 4, true)]
    [InlineData(Authority.BaseUnitHead, 1, false)]
    [InlineData(Authority.BaseUnitHead, 2, false)]
    [InlineData(Authority.BaseUnitHead, 3, false)]
    [InlineData(Authority.BaseUnitHead, 4, true)]
    [InlineData(Authority.None, 1, false)]
    [InlineData(Authority.None, 2, false)]
    [InlineData(Authority.None, 3, false)]
    [InlineData(Authority.None, 4, false)]
    public void Activate_EachAuthorityAtEachLevel_OnlyTheAuthorityOfTheLevelOrHigherActivates(Authority authority, int level, bool allowed)
    {
        if (allowed)
        {
            var r = Response.Activate(Input(level), authority, Leader, Now, Interval);
            Assert.Equal(level, r.Level);
            Assert.Equal(ResponseState.Active, r.State);
        }
        else
        {
            Assert.Throws<ForbiddenException>(() => Response.Activate(Input(level), authority, Leader, Now, Interval));
        }
    }

    [Fact]
    public void Activate_EveryElementMissingOrWrong_AllReportedTogether()
    {
        var bad = new ActivateInput(Office, "/a/", " ", null, new string('x', 1001), 5);
        var e = Assert.Throws<RequestValidationException>(() => Response.Activate(bad, Authority.PrincipalLeader, Leader, Now, Interval));
        foreach (var field in new[] { "level", "eventTypeCode", "place", "scope" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Activate_LevelOutsideOneToFour_ValidationError(int level)
    {
        var e = Assert.Throws<RequestValidationException>(() => Response.Activate(Input(level), Authority.PrincipalLeader, Leader, Now, Interval));
        Assert.True(e.Errors.ContainsKey("level"));
    }

    [Fact]
    public void Activate_PlaceOverLimit_ValidationError()
    {
        var input = Input(3) with { Place = new string('地', 301) };
        var e = Assert.Throws<RequestValidationException>(() => Response.Activate(input, Authority.PrincipalLeader, Leader, Now, Interval));
        Assert.True(e.Errors.ContainsKey("place"));
    }

    [Fact]
    public void Activate_NoCommanderNamed_ActorCommandsAndDefaultGroupsOpen()
    {
        var input = new ActivateInput(Office, "/a/", " natural.flood ", " 临海市 ", " 城区 ", 3, SourceReportId: Guid.NewGuid());
        var r = Response.Activate(input, Authority.UnitHead, Leader, Now, Interval);

        Assert.Equal(Leader, r.CommanderId);
        Assert.Equal(Leader, r.ActivatedBy);
        Assert.Equal(Now, r.ActivatedAt);
        Assert.Equal("natural.flood", r.EventTypeCode);
        Assert.Equal("临海市", r.Place);
        Assert.Equal("城区", r.Scope);
        Assert.Equal(input.SourceReportId, r.SourceReportId);
        Assert.Null(r.PlanId);
        Assert.Equal(1, r.Revision);
        Assert.Equal(["coordination", "onsite", "information", "logistics"], r.Groups.Select(g => g.Code));
        var change = Assert.Single(r.LevelChanges);
        Assert.Equal(new LevelChange(0, 3, Leader, Now, null), change);
    }

    [Fact]
    public void Activate_CommanderNamed_CommanderIsTheOneNamed()
    {
        var r = Activated();
        Assert.Equal(Commander, r.CommanderId);
        Assert.Equal(Leader, r.ActivatedBy);
    }

    [Fact]
    public void Activate_WithPlan_GroupsAreASnapshotOfThePlans()
    {
        var lead = Guid.NewGuid();
        var plan = ResponsePlan.Create(Office, "/a/", "natural.flood", "防汛应急预案",
            [new PlanGroup("rescue", "抢险救援组", null, lead, [lead]), new PlanGroup("medical", "医疗救护组", "Medical", null, [])], null, Leader, Now);

        var r = Activated(plan: plan);
        plan.Revise("防汛应急预案（修订）", [new PlanGroup("other", "其他组", null, null, [])], [], Leader, Now.AddDays(1), plan.Revision);

        Assert.Equal(plan.Id, r.PlanId);
        Assert.Equal(["rescue", "medical"], r.Groups.Select(g => g.Code));
        Assert.Equal(lead, r.GroupFor("RESCUE")!.LeadUnitId);
        Assert.Null(r.GroupFor("other"));
    }

    [Fact]
    public void Activate_PlanOfAnotherEventType_ValidationError()
    {
        var plan = ResponsePlan.Create(Office, "/a/", "accident.fire", "火灾应急预案", null, null, Leader, Now);
        var e = Assert.Throws<RequestValidationException>(() => Activated(plan: plan));
        Assert.True(e.Errors.ContainsKey("planId"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void Activate_LevelIAndII_StartTheUpdateClock(int level, bool clock)
    {
        var r = Activated(level);
        if (clock)
        {
            Assert.Equal(Now + Interval, r.UpdateDueAt);
        }
        else
        {
            Assert.Null(r.UpdateDueAt);
        }
    }

    [Theory]
    [InlineData(2, 1, Authority.LeaderInCharge, false)]
    [InlineData(2, 1, Authority.PrincipalLeader, true)]
    [InlineData(3, 2, Authority.UnitHead, false)]
    [InlineData(3, 2, Authority.LeaderInCharge, true)]
    [InlineData(4, 3, Authority.BaseUnitHead, false)]
    [InlineData(4, 3, Authority.UnitHead, true)]
    [InlineData(4, 1, Authority.LeaderInCharge, false)]
    [InlineData(1, 2, Authority.LeaderInCharge, false)]
    [InlineData(1, 2, Authority.PrincipalLeader, true)]
    [InlineData(1, 3, Authority.UnitHead, false)]
    [InlineData(2, 4, Authority.BaseUnitHead, false)]
    [InlineData(2, 4, Authority.LeaderInCharge, true)]
    [InlineData(3, 4, Authority.UnitHead, true)]
    [InlineData(3, 4, Authority.None, false)]
    public void ChangeLevel_RaisingNeedsTheNewLevelsAuthority_LoweringTheCurrentOnes(int from, int to, Authority authority, bool allowed)
    {
        var r = Activated(from);
        if (allowed)
        {
            r.ChangeLevel(to, r.Revision, authority, Leader, "险情变化", Now.AddHours(1), Interval);
            Assert.Equal(to, r.Level);
            Assert.Equal(2, r.Revision);
            Assert.Equal(new LevelChange(from, to, Leader, Now.AddHours(1), "险情变化"), r.LevelChanges[^1]);
        }
        else
        {
            Assert.Throws<ForbiddenException>(() => r.ChangeLevel(to, r.Revision, authority, Leader, "险情变化", Now.AddHours(1), Interval));
            Assert.Equal(from, r.Level);
            Assert.Equal(1, r.Revision);
            Assert.Single(r.LevelChanges);
        }
    }

    [Fact]
    public void ChangeLevel_StaleRevision_Conflict()
    {
        var r = Activated(3);
        var seen = r.Revision;
        r.ChangeLevel(2, seen, Authority.PrincipalLeader, Leader, "水位上涨", Now.AddHours(1), Interval);

        var e = Assert.Throws<ConflictException>(() => r.ChangeLevel(1, seen, Authority.PrincipalLeader, Leader, "水位继续上涨", Now.AddHours(2), Interval));
        Assert.Equal("revision", e.Field);
        Assert.Equal(2, r.Level);
    }

    [Fact]
    public void ChangeLevel_SameLevel_DomainException()
    {
        var r = Activated(2);
        Assert.Throws<DomainException>(() => r.ChangeLevel(2, r.Revision, Authority.PrincipalLeader, Leader, "复核", Now.AddHours(1), Interval));
        Assert.Equal(1, r.Revision);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void ChangeLevel_WithoutReason_ValidationError(string? reason)
    {
        var r = Activated(2);
        var e = Assert.Throws<RequestValidationException>(() => r.ChangeLevel(1, r.Revision, Authority.PrincipalLeader, Leader, reason, Now, Interval));
        Assert.True(e.Errors.ContainsKey("reason"));
    }

    [Fact]
    public void ChangeLevel_ToLevelFive_ValidationError()
    {
        var r = Activated(4);
        var e = Assert.Throws<RequestValidationException>(() => r.ChangeLevel(5, r.Revision, Authority.PrincipalLeader, Leader, "降级", Now, Interval));
        Assert.True(e.Errors.ContainsKey("level"));
    }

    [Fact]
    public void ChangeLevel_WhileTerminatingOrTerminated_Conflict()
    {
        var r = Activated(2);
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        Assert.Throws<ConflictException>(() => r.ChangeLevel(3, r.Revision, Authority.PrincipalLeader, Leader, "降级", Now.AddHours(2), Interval));

        var t = Terminated();
        Assert.Throws<ConflictException>(() => t.ChangeLevel(3, t.Revision, Authority.PrincipalLeader, Leader, "降级", Now.AddHours(11), Interval));
    }

    [Fact]
    public void ChangeLevel_RaisingIIIToII_StartsTheClock()
    {
        var r = Activated(3);
        Assert.Null(r.UpdateDueAt);
        r.ChangeLevel(2, r.Revision, Authority.LeaderInCharge, Leader, "扩大", Now.AddMinutes(40), Interval);
        Assert.Equal(Now.AddMinutes(70), r.UpdateDueAt);
    }

    [Fact]
    public void ChangeLevel_LoweringIIToIII_StopsTheClock()
    {
        var r = Activated(2);
        r.ChangeLevel(3, r.Revision, Authority.LeaderInCharge, Leader, "缩小", Now.AddMinutes(10), Interval);
        Assert.Null(r.UpdateDueAt);
        Assert.Empty(r.TakeMissedUpdates(Now.AddHours(5), Interval));
    }

    [Fact]
    public void ChangeLevel_IIToI_KeepsTheRunningClock()
    {
        var r = Activated(2);
        r.ChangeLevel(1, r.Revision, Authority.PrincipalLeader, Leader, "扩大", Now.AddMinutes(20), Interval);
        Assert.Equal(Now + Interval, r.UpdateDueAt);
    }

    [Fact]
    public void TakeMissedUpdates_95MinutesAt30MinuteInterval_ThreeSlotsAndNextDueAdvanced()
    {
        var r = Activated(2);
        var missed = r.TakeMissedUpdates(Now.AddMinutes(95), Interval);

        Assert.Equal([Now.AddMinutes(30), Now.AddMinutes(60), Now.AddMinutes(90)], missed);
        Assert.Equal(Now.AddMinutes(120), r.UpdateDueAt);
        // Each slot is reported once.
        Assert.Empty(r.TakeMissedUpdates(Now.AddMinutes(100), Interval));
    }

    [Fact]
    public void TakeMissedUpdates_AtTheDueTimeExactly_ThatSlotIsMissed()
    {
        var r = Activated(1);
        Assert.Equal([Now.AddMinutes(30)], r.TakeMissedUpdates(Now.AddMinutes(30), Interval));
    }

    [Fact]
    public void TakeMissedUpdates_LevelIII_NoClock()
    {
        var r = Activated(3);
        Assert.Empty(r.TakeMissedUpdates(Now.AddDays(1), Interval));
        Assert.Null(r.UpdateDueAt);
    }

    [Fact]
    public void TakeMissedUpdates_NothingDueYet_Empty()
    {
        var r = Activated(2);
        Assert.Empty(r.TakeMissedUpdates(Now.AddMinutes(29), Interval));
        Assert.Equal(Now.AddMinutes(30), r.UpdateDueAt);
    }

    [Fact]
    public void TakeMissedUpdates_LeftUnsweptForLong_CappedAndResumesAfterNow()
    {
        var r = Activated(2);
        var now = Now.AddMinutes(30 * 5000 + 7);
        var missed = r.TakeMissedUpdates(now, Interval);

        Assert.Equal(Response.MaxMissedSlots, missed.Count);
        Assert.Equal(Now.AddMinutes(30), missed[0]);
        Assert.Equal(Now.AddMinutes(30 * 5001), r.UpdateDueAt);
    }

    [Fact]
    public void TakeMissedUpdates_Terminated_Empty()
    {
        var r = Terminated();
        Assert.Empty(r.TakeMissedUpdates(Now.AddDays(1), Interval));
    }

    [Fact]
    public void PostUpdate_LevelII_RestartsTheClockFromThePost()
    {
        var r = Activated(2);
        var update = r.PostUpdate("  水位回落0.3米，转移群众1200人  ", Commander, Now.AddMinutes(25), Interval);

        Assert.Equal("水位回落0.3米，转移群众1200人", update.Text);
        Assert.Equal(r.Id, update.ResponseId);
        Assert.Equal(r.UnitPath, update.UnitPath);
        Assert.Equal(Commander, update.By);
        Assert.Equal(Now.AddMinutes(25), update.At);
        Assert.Equal(Now.AddMinutes(55), r.UpdateDueAt);
        Assert.Empty(r.TakeMissedUpdates(Now.AddMinutes(50), Interval));
        Assert.Equal(1, r.Revision);
    }

    [Fact]
    public void PostUpdate_LevelIII_NoClockStarts()
    {
        var r = Activated(3);
        r.PostUpdate("现场平稳", Commander, Now.AddMinutes(25), Interval);
        Assert.Null(r.UpdateDueAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void PostUpdate_WithoutText_ValidationError(string? text)
    {
        var r = Activated(2);
        var e = Assert.Throws<RequestValidationException>(() => r.PostUpdate(text, Commander, Now, Interval));
        Assert.True(e.Errors.ContainsKey("text"));
    }

    [Fact]
    public void PostUpdate_TextOverLimit_ValidationError()
    {
        var r = Activated(2);
        var e = Assert.Throws<RequestValidationException>(() => r.PostUpdate(new string('x', 4001), Commander, Now, Interval));
        Assert.True(e.Errors.ContainsKey("text"));
    }

    [Fact]
    public void PostUpdate_WhileTerminating_Accepted()
    {
        var r = Activated(2);
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        r.PostUpdate("等待审批期间现场平稳", Commander, Now.AddHours(1.2), Interval);
        Assert.Equal(Now.AddHours(1.2) + Interval, r.UpdateDueAt);
    }

    [Fact]
    public void PostUpdate_Terminated_Conflict()
    {
        var r = Terminated();
        Assert.Throws<ConflictException>(() => r.PostUpdate("补充", Commander, Now.AddHours(11), Interval));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RequestTermination_WithoutCondition_Refused(string? condition)
    {
        var r = Activated(2);
        var e = Assert.Throws<RequestValidationException>(() =>
            r.RequestTermination(condition, Leader, Authority.PrincipalLeader, Now.AddHours(1), ReportWindow));
        Assert.True(e.Errors.ContainsKey("condition"));
        Assert.Equal(ResponseState.Active, r.State);
        Assert.Equal(1, r.Revision);
    }

    [Fact]
    public void RequestTermination_ByCommanderWithoutAuthority_TerminatingAndTheClockRunsOn()
    {
        var r = Activated(2);
        r.RequestTermination(" 洪水退去 ", Commander, Authority.None, Now.AddHours(1), ReportWindow);

        Assert.Equal(ResponseState.Terminating, r.State);
        Assert.True(r.IsOpen);
        Assert.Equal("洪水退去", r.TerminationCondition);
        Assert.Equal(Commander, r.TerminationRequestedBy);
        Assert.Equal(Now.AddHours(1), r.TerminationRequestedAt);
        Assert.Null(r.TerminatedAt);
        Assert.Null(r.ReportDueAt);
        Assert.Equal(2, r.Revision);
        Assert.Equal(2, r.TakeMissedUpdates(Now.AddHours(1), Interval).Count);
    }

    [Fact]
    public void ApproveTermination_BySomeoneWithoutTheAuthorityOfTheLevel_Forbidden()
    {
        var r = Activated(2);
        r.RequestTermination("洪水退去", Commander, Authority.UnitHead, Now.AddHours(1), ReportWindow);
        Assert.Equal(ResponseState.Terminating, r.State);

        Assert.Throws<ForbiddenException>(() => r.ApproveTermination(Leader, Authority.UnitHead, Now.AddHours(2), ReportWindow));
        Assert.Throws<ForbiddenException>(() => r.ApproveTermination(Commander, Authority.None, Now.AddHours(2), ReportWindow));
        Assert.Equal(ResponseState.Terminating, r.State);
    }

    [Fact]
    public void ApproveTermination_ByTheAuthorityOfTheLevel_TerminatedWithTheReportDue()
    {
        var r = Activated(2);
        r.RequestTermination("洪水退去", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        r.ApproveTermination(Leader, Authority.LeaderInCharge, Now.AddHours(2), ReportWindow);

        Assert.Equal(ResponseState.Terminated, r.State);
        Assert.False(r.IsOpen);
        Assert.Equal(Leader, r.TerminatedBy);
        Assert.Equal(Now.AddHours(2), r.TerminatedAt);
        Assert.Equal(Now.AddHours(2) + ReportWindow, r.ReportDueAt);
        Assert.Null(r.UpdateDueAt);
        Assert.Equal(3, r.Revision);
    }

    [Fact]
    public void RequestTermination_ByTheAuthorityOfTheLevel_TerminatedAtOnce()
    {
        var r = Activated(3);
        r.RequestTermination("火情扑灭", Stranger, Authority.UnitHead, Now.AddHours(3), ReportWindow);

        Assert.Equal(ResponseState.Terminated, r.State);
        Assert.Equal(Stranger, r.TerminatedBy);
        Assert.Equal(Now.AddHours(3) + ReportWindow, r.ReportDueAt);
        Assert.Equal("火情扑灭", r.TerminationCondition);
        Assert.Equal(2, r.Revision);
    }

    [Fact]
    public void RequestTermination_LevelIIByCommanderWhoIsLeaderInCharge_TerminatedAtOnce()
    {
        var r = Activated(2);
        r.RequestTermination("险情解除", Commander, Authority.LeaderInCharge, Now.AddHours(3), ReportWindow);
        Assert.Equal(ResponseState.Terminated, r.State);
    }

    [Fact]
    public void RequestTermination_ByNeitherCommanderNorAuthority_Forbidden()
    {
        var r = Activated(2);
        Assert.Throws<ForbiddenException>(() => r.RequestTermination("险情解除", Stranger, Authority.UnitHead, Now.AddHours(1), ReportWindow));
        Assert.Equal(ResponseState.Active, r.State);
        Assert.Null(r.TerminationCondition);
    }

    [Fact]
    public void RequestTermination_WhileTerminatingOrTerminated_Conflict()
    {
        var r = Activated(2);
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        Assert.Throws<ConflictException>(() => r.RequestTermination("险情解除", Leader, Authority.PrincipalLeader, Now.AddHours(2), ReportWindow));

        var t = Terminated();
        Assert.Throws<ConflictException>(() => t.RequestTermination("再次", Leader, Authority.PrincipalLeader, Now.AddHours(11), ReportWindow));
    }

    [Fact]
    public void ApproveTermination_NotTerminating_Conflict()
    {
        Assert.Throws<ConflictException>(() => Activated(2).ApproveTermination(Leader, Authority.PrincipalLeader, Now.AddHours(1), ReportWindow));
        Assert.Throws<ConflictException>(() => Terminated().ApproveTermination(Leader, Authority.PrincipalLeader, Now.AddHours(11), ReportWindow));
    }

    [Fact]
    public void RejectTermination_ByTheAuthority_BackToActiveAndTheRequestCleared()
    {
        var r = Activated(2);
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        r.RejectTermination("下游水位仍在上涨", Leader, Authority.LeaderInCharge, Now.AddHours(2), Interval);

        Assert.Equal(ResponseState.Active, r.State);
        Assert.Equal("下游水位仍在上涨", r.TerminationRejectionReason);
        Assert.Equal(Leader, r.TerminationRejectedBy);
        Assert.Equal(Now.AddHours(2), r.TerminationRejectedAt);
        Assert.Null(r.TerminationCondition);
        Assert.Null(r.TerminationRequestedBy);
        Assert.NotNull(r.UpdateDueAt);
        Assert.Equal(3, r.Revision);
        // Active again: the commander may ask once more.
        r.RequestTermination("下游水位回落", Commander, Authority.None, Now.AddHours(5), ReportWindow);
        Assert.Equal(ResponseState.Terminating, r.State);
    }

    [Fact]
    public void RejectTermination_WithoutAuthorityOrReason_Refused()
    {
        var r = Activated(1);
        r.RequestTermination("险情解除", Commander, Authority.LeaderInCharge, Now.AddHours(1), ReportWindow);

        Assert.Throws<ForbiddenException>(() => r.RejectTermination("不同意", Leader, Authority.LeaderInCharge, Now.AddHours(2), Interval));
        var e = Assert.Throws<RequestValidationException>(() => r.RejectTermination(" ", Leader, Authority.PrincipalLeader, Now.AddHours(2), Interval));
        Assert.True(e.Errors.ContainsKey("reason"));
        Assert.Equal(ResponseState.Terminating, r.State);
    }

    [Fact]
    public void RejectTermination_NotTerminating_Conflict()
    {
        var r = Activated(2);
        Assert.Throws<ConflictException>(() => r.RejectTermination("不同意", Leader, Authority.PrincipalLeader, Now.AddHours(2), Interval));
    }

    [Fact]
    public void FileReport_ByCommanderAfterTermination_Reported()
    {
        var r = Terminated(2);
        Assert.False(r.ReportOverdue(Now.AddHours(10) + ReportWindow));
        Assert.True(r.ReportOverdue(Now.AddHours(10) + ReportWindow + TimeSpan.FromMinutes(1)));

        r.FileReport(Commander, Authority.None, Now.AddDays(8));

        Assert.Equal(ResponseState.Reported, r.State);
        Assert.Equal(Commander, r.ReportFiledBy);
        Assert.Equal(Now.AddDays(8), r.ReportFiledAt);
        Assert.False(r.ReportOverdue(Now.AddDays(9)));
        Assert.Equal(3, r.Revision);
    }

    [Fact]
    public void FileReport_ByTheAuthorityOfTheLevel_Reported()
    {
        var r = Terminated(3);
        r.FileReport(Stranger, Authority.UnitHead, Now.AddDays(1));
        Assert.Equal(ResponseState.Reported, r.State);
    }

    [Fact]
    public void FileReport_ByNeitherCommanderNorAuthority_Forbidden()
    {
        var r = Terminated(2);
        Assert.Throws<ForbiddenException>(() => r.FileReport(Stranger, Authority.UnitHead, Now.AddDays(1)));
        Assert.Equal(ResponseState.Terminated, r.State);
    }

    [Fact]
    public void FileReport_NotTerminated_Conflict()
    {
        var r = Activated(2);
        Assert.Throws<ConflictException>(() => r.FileReport(Commander, Authority.PrincipalLeader, Now));
        Assert.False(r.ReportOverdue(Now.AddYears(1)));
    }

    [Fact]
    public void AddFinding_BeforeTheReport_Conflict()
    {
        Assert.Throws<ConflictException>(() => Activated().AddFinding("预警发布滞后", null, null, null, Now));
        Assert.Throws<ConflictException>(() => Terminated().AddFinding("预警发布滞后", null, null, null, Now.AddHours(11)));
    }

    [Fact]
    public void AddFinding_AfterTheReport_RecordedAndReviewCompletes()
    {
        var r = Terminated();
        r.FileReport(Commander, Authority.None, Now.AddDays(2));
        var unit = Guid.NewGuid();
        var finding = r.AddFinding(" 转移路线标识不清 ", unit, " 张三 ", Now.AddDays(30), Now.AddDays(3));

        Assert.Equal("转移路线标识不清", finding.Text);
        Assert.Equal(unit, finding.OwnerUnitId);
        Assert.Equal("张三", finding.Owner);
        Assert.Equal(Now.AddDays(30), finding.Deadline);
        Assert.Equal(finding, Assert.Single(r.Findings));

        r.CompleteReview(Leader, Now.AddDays(4));
        Assert.Equal(ResponseState.Reviewed, r.State);
        Assert.Equal(Leader, r.ReviewedBy);
        Assert.Equal(Now.AddDays(4), r.ReviewedAt);
        // Once the review is closed, its findings stand.
        Assert.Throws<ConflictException>(() => r.AddFinding("物资储备不足", null, "王五", Now.AddDays(30), Now.AddDays(5)));
        Assert.Single(r.Findings);
        Assert.Throws<ConflictException>(() => r.CompleteReview(Leader, Now.AddDays(6)));
    }

    [Fact]
    public void AddFinding_DeadlineNotAfterNowOrNoText_ValidationErrorsTogether()
    {
        var r = Terminated();
        r.FileReport(Commander, Authority.None, Now.AddDays(2));
        var e = Assert.Throws<RequestValidationException>(() => r.AddFinding(" ", null, null, Now.AddDays(3), Now.AddDays(3)));
        Assert.True(e.Errors.ContainsKey("text"));
        Assert.True(e.Errors.ContainsKey("deadline"));
        Assert.True(e.Errors.ContainsKey("owner"));
        Assert.Empty(r.Findings);
        var noDeadline = Assert.Throws<RequestValidationException>(() => r.AddFinding("物资储备不足", null, "王五", null, Now.AddDays(3)));
        Assert.True(noDeadline.Errors.ContainsKey("owner"));
    }

    [Fact]
    public void CompleteReview_BeforeTheReport_Conflict()
    {
        Assert.Throws<ConflictException>(() => Terminated().CompleteReview(Leader, Now.AddDays(1)));
    }

    [Fact]
    public void Revision_EveryDecision_Increments()
    {
        var r = Activated(3);
        Assert.Equal(1, r.Revision);
        r.ChangeLevel(2, 1, Authority.LeaderInCharge, Leader, "扩大", Now.AddHours(1), Interval);
        Assert.Equal(2, r.Revision);
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(2), ReportWindow);
        Assert.Equal(3, r.Revision);
        r.ApproveTermination(Leader, Authority.LeaderInCharge, Now.AddHours(3), ReportWindow);
        Assert.Equal(4, r.Revision);
        r.FileReport(Commander, Authority.None, Now.AddDays(1));
        Assert.Equal(5, r.Revision);
        r.CompleteReview(Leader, Now.AddDays(2));
        Assert.Equal(6, r.Revision);
    }

    [Theory]
    [InlineData(1, RecordFiling.None, "I")]
    [InlineData(2, RecordFiling.PrincipalLeader, "II")]
    [InlineData(3, RecordFiling.UpperOffice, "III")]
    [InlineData(4, RecordFiling.UpperDepartment, "IV")]
    public void FilingFor_EachLevel_AsTheAuthorityTable(int level, RecordFiling filing, string roman)
    {
        Assert.Equal(filing, Response.FilingFor(level));
        Assert.Equal(roman, Response.Roman(level));
        Assert.Equal(filing, Activated(level).Filing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Roman_OutsideOneToFour_Throws(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Response.Roman(level));
        Assert.Throws<ArgumentOutOfRangeException>(() => Response.FilingFor(level));
    }
}
