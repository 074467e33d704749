using Beacon.Platform.Common;
using Beacon.Supervision.Domain;

namespace Beacon.Supervision.Tests;

public sealed class MatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Now.AddDays(10);
    private static readonly TimeSpan CardPeriod = Matter.DefaultCardPeriod;
    private static readonly DateTimeOffset CardIssuedAt = Deadline.AddHours(1);
    private static readonly DateTimeOffset CardDeadline = CardIssuedAt + CardPeriod;
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid Clerk = Guid.NewGuid();
    private static readonly Guid Leader = Guid.NewGuid();
    private static readonly Guid Handler = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();

    private static AssignInput Input(DateTimeOffset? deadline = null) => new(
        Office, "/a/", Township, "/a/b/", "JB-2026-0001", "东江堤防隐患整改", "对东江沿岸堤防开展隐患排查，逐处整改到位。",
        Leader, deadline ?? Deadline, Handler);

    private static Matter Assigned(DateTimeOffset? deadline = null) => Matter.Assign(Input(deadline), Clerk, Now);

    private static Matter Carded()
    {
        var m = Assigned();
        m.IssueCardIfDue(CardIssuedAt, CardPeriod);
        return m;
    }

    private static Matter ExplanationDue()
    {
        var m = Carded();
        m.RequireExplanationIfDue(CardDeadline.AddHours(1));
        return m;
    }

    private static Matter Submitted(Matter? m = null, DateTimeOffset? at = null)
    {
        m ??= Assigned();
        m.SubmitClosure("堤防隐患12处已全部整改。", [], Handler, at ?? Now.AddDays(2));
        return m;
    }

    private static MatterExtension Extend(Matter m, DateTimeOffset to, int max = Matter.DefaultMaxExtensions) =>
        m.RequestExtension(to, "汛期施工受阻", Handler, Now.AddDays(1), max);

    [Fact]
    public void Assign_ValidInput_AssignedWithTheDeadlineAndRevisionOne()
    {
        var input = Input() with { Code = " JB-2026-0001 ", Title = " 东江堤防隐患整改 ", Notice = " 逐处整改到位。 " };
        var m = Matter.Assign(input, Clerk, Now);

        Assert.Equal(Office, m.UnitId);
        Assert.Equal("/a/", m.UnitPath);
        Assert.Equal(Township, m.HandlingUnitId);
        Assert.Equal("/a/b/", m.HandlingUnitPath);
        Assert.Equal("JB-2026-0001", m.Code);
        Assert.Equal("东江堤防隐患整改", m.Title);
        Assert.Equal("逐处整改到位。", m.Notice);
        Assert.Equal(Leader, m.ResponsibleLeaderId);
        Assert.Equal(Handler, m.HandlerId);
        Assert.Equal(Deadline, m.Deadline);
        Assert.Equal(Deadline, m.OriginalDeadline);
        Assert.Equal(Deadline, m.EffectiveDeadline);
        Assert.Equal(Clerk, m.AssignedBy);
        Assert.Equal(Now, m.AssignedAt);
        Assert.Equal(MatterState.Assigned, m.State);
        Assert.Equal(SupervisionStage.None, m.Stage);
        Assert.True(m.IsOpen);
        Assert.False(m.InAccountability);
        Assert.Empty(m.Progress);
        Assert.Empty(m.Extensions);
        Assert.Empty(m.Cards);
        Assert.Equal(1, m.Revision);
    }

    [Fact]
    public void Assign_EveryElementMissing_AllReportedTogether()
    {
        var input = new AssignInput(Office, "/a/", Guid.Empty, null, "JB-2026-0001", " ", null, Guid.Empty, Now.AddHours(-1));
        var e = Assert.Throws<RequestValidationException>(() => Matter.Assign(input, Clerk, Now));
        foreach (var field in new[] { "title", "notice", "responsibleLeaderId", "handlingUnitId", "deadline" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Assign_TitleAndNoticeOverLimit_ValidationError()
    {
        var input = Input() with { Title = new string('题', 201), Notice = new string('事', 4001) };
        var e = Assert.Throws<RequestValidationException>(() => Matter.Assign(input, Clerk, Now));
        Assert.True(e.Errors.ContainsKey("title"));
        Assert.True(e.Errors.ContainsKey("notice"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Assign_DeadlineNotInTheFuture_ValidationError(int minutes)
    {
        var e = Assert.Throws<RequestValidationException>(() => Assigned(Now.AddMinutes(minutes)));
        Assert.True(e.Errors.ContainsKey("deadline"));
    }

    [Theory]
    [InlineData("/c/d/")]
    [InlineData("/ab/")]
    [InlineData("/")]
    public void Assign_HandlingUnitOutsideTheOfficesSubtree_DomainException(string path)
    {
        var e = Assert.Throws<DomainException>(() => Matter.Assign(Input() with { HandlingUnitPath = path }, Clerk, Now));
        Assert.Equal("handlingUnitId", e.Field);
    }

    [Fact]
    public void Assign_HandlingUnitDeepInTheSubtree_Assigned()
    {
        var m = Matter.Assign(Input() with { HandlingUnitPath = "/a/b/c/" }, Clerk, Now);
        Assert.Equal("/a/b/c/", m.HandlingUnitPath);
    }

    [Fact]
    public void RecordPlan_Assigned_InProgressWithThePlan()
    {
        var m = Assigned();
        m.RecordPlan(" 分三段排查，7月底前完成整改。 ", Handler, Now.AddHours(2));

        Assert.Equal(MatterState.InProgress, m.State);
        Assert.Equal("分三段排查，7月底前完成整改。", m.Plan);
        Assert.Equal(Handler, m.PlanBy);
        Assert.Equal(Now.AddHours(2), m.PlanAt);
        Assert.Equal(2, m.Revision);
    }

    [Fact]
    public void RecordPlan_Again_ReplacesThePlan()
    {
        var m = Assigned();
        m.RecordPlan("初步方案", Handler, Now.AddHours(2));
        m.RecordPlan("调整后的方案", Handler, Now.AddHours(3));

        Assert.Equal("调整后的方案", m.Plan);
        Assert.Equal(MatterState.InProgress, m.State);
        Assert.Equal(3, m.Revision);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void RecordPlan_WithoutText_ValidationError(string? plan)
    {
        var m = Assigned();
        var e = Assert.Throws<RequestValidationException>(() => m.RecordPlan(plan, Handler, Now));
        Assert.True(e.Errors.ContainsKey("plan"));
        Assert.Equal(MatterState.Assigned, m.State);
    }

    [Fact]
    public void RecordProgress_Assigned_EntriesInOrderAndInProgress()
    {
        var m = Assigned();
        m.RecordProgress(" 完成上游段排查 ", Handler, Now.AddDays(1));
        m.RecordProgress("完成下游段排查", Handler, Now.AddDays(2));

        Assert.Equal(MatterState.InProgress, m.State);
        Assert.Equal(
            [new MatterProgress(Now.AddDays(1), Handler, "完成上游段排查"), new MatterProgress(Now.AddDays(2), Handler, "完成下游段排查")],
            m.Progress);
        Assert.Equal(3, m.Revision);
    }

    [Fact]
    public void RecordProgress_WithoutTextOrOverLimit_ValidationError()
    {
        var m = Assigned();
        Assert.True(Assert.Throws<RequestValidationException>(() => m.RecordProgress(" ", Handler, Now)).Errors.ContainsKey("text"));
        Assert.True(Assert.Throws<RequestValidationException>(() => m.RecordProgress(new string('进', 2001), Handler, Now)).Errors.ContainsKey("text"));
        Assert.Empty(m.Progress);
    }

    [Fact]
    public void RecordPlanOrProgress_ClosureSubmittedOrClosed_Conflict()
    {
        var submitted = Submitted();
        Assert.Throws<ConflictException>(() => submitted.RecordPlan("方案", Handler, Now.AddDays(3)));
        Assert.Throws<ConflictException>(() => submitted.RecordProgress("进展", Handler, Now.AddDays(3)));

        var closed = Submitted();
        closed.AcceptClosure(Clerk, Now.AddDays(3));
        Assert.Throws<ConflictException>(() => closed.RecordPlan("方案", Handler, Now.AddDays(4)));
        Assert.Throws<ConflictException>(() => closed.RecordProgress("进展", Handler, Now.AddDays(4)));
    }

    [Fact]
    public void RequestExtension_Valid_PendingAndTheDeadlineUnchanged()
    {
        var m = Assigned();
        var x = m.RequestExtension(Deadline.AddDays(7), " 汛期施工受阻 ", Handler, Now.AddDays(1), 2);

        Assert.Equal(new MatterExtension(x.Id, Deadline.AddDays(7), "汛期施工受阻", Handler, Now.AddDays(1), null, null, null, null), x);
        Assert.Equal(x, Assert.Single(m.Extensions));
        Assert.Equal(Deadline, m.Deadline);
        Assert.Equal(2, m.Revision);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-24)]
    public void RequestExtension_ToTheSameOrAnEarlierDate_ValidationError(int hours)
    {
        var m = Assigned();
        var e = Assert.Throws<RequestValidationException>(() => Extend(m, Deadline.AddHours(hours)));
        Assert.True(e.Errors.ContainsKey("newDeadline"));
        Assert.Empty(m.Extensions);
    }

    [Fact]
    public void RequestExtension_OverdueAndTheNewDateAlsoPast_ValidationError()
    {
        var m = Assigned();
        var e = Assert.Throws<RequestValidationException>(() =>
            m.RequestExtension(Deadline.AddDays(1), "汛期施工受阻", Handler, Deadline.AddDays(2), 2));
        Assert.True(e.Errors.ContainsKey("newDeadline"));
    }

    [Fact]
    public void RequestExtension_OverdueToALaterDate_Allowed()
    {
        var m = Assigned();
        m.RequestExtension(Deadline.AddDays(5), "汛期施工受阻", Handler, Deadline.AddDays(2), 2);
        Assert.Single(m.Extensions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void RequestExtension_WithoutReason_ValidationError(string? reason)
    {
        var m = Assigned();
        var e = Assert.Throws<RequestValidationException>(() => m.RequestExtension(Deadline.AddDays(7), reason, Handler, Now, 2));
        Assert.True(e.Errors.ContainsKey("reason"));
    }

    [Fact]
    public void RequestExtension_WhileOneIsPending_DomainException()
    {
        var m = Assigned();
        Extend(m, Deadline.AddDays(7));
        Assert.Throws<DomainException>(() => Extend(m, Deadline.AddDays(9)));
        Assert.Single(m.Extensions);
    }

    [Fact]
    public void RequestExtension_ThirdWithMaxTwo_DomainException()
    {
        var m = Assigned();
        m.DecideExtension(Extend(m, Deadline.AddDays(7)).Id, true, null, Clerk, Now.AddDays(1));
        m.DecideExtension(Extend(m, Deadline.AddDays(14)).Id, true, null, Clerk, Now.AddDays(1));

        Assert.Throws<DomainException>(() => Extend(m, Deadline.AddDays(21)));
        Assert.Equal(2, m.Extensions.Count);
        Assert.Equal(Deadline.AddDays(14), m.Deadline);
    }

    [Fact]
    public void RequestExtension_RefusedOnesDoNotCount()
    {
        var m = Assigned();
        m.DecideExtension(Extend(m, Deadline.AddDays(7), max: 1).Id, false, "理由不充分", Clerk, Now.AddDays(1));
        var x = Extend(m, Deadline.AddDays(5), max: 1);
        Assert.Null(x.Granted);
    }

    [Fact]
    public void RequestExtension_MaxZero_DomainException()
    {
        var m = Assigned();
        Assert.Throws<DomainException>(() => Extend(m, Deadline.AddDays(7), max: 0));
    }

    [Fact]
    public void RequestExtension_ClosureSubmitted_Conflict()
    {
        var m = Submitted();
        Assert.Throws<ConflictException>(() => Extend(m, Deadline.AddDays(7)));
    }

    [Fact]
    public void DecideExtension_Grant_MovesTheDeadlineAndKeepsTheOriginal()
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        m.DecideExtension(x.Id, true, " 同意 ", Clerk, Now.AddDays(2));

        Assert.Equal(Deadline.AddDays(7), m.Deadline);
        Assert.Equal(Deadline, m.OriginalDeadline);
        Assert.Equal(x with { Granted = true, DecidedBy = Clerk, DecidedAt = Now.AddDays(2), DecisionNote = "同意" }, Assert.Single(m.Extensions));
        Assert.Equal(3, m.Revision);
    }

    [Fact]
    public void DecideExtension_Refuse_DeadlineUnchangedAndTheNoteKept()
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        m.DecideExtension(x.Id, false, "理由不充分", Clerk, Now.AddDays(2));

        Assert.Equal(Deadline, m.Deadline);
        var decided = Assert.Single(m.Extensions);
        Assert.False(decided.Granted);
        Assert.Equal("理由不充分", decided.DecisionNote);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void DecideExtension_RefuseWithoutNote_ValidationError(string? note)
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        var e = Assert.Throws<RequestValidationException>(() => m.DecideExtension(x.Id, false, note, Clerk, Now.AddDays(2)));
        Assert.True(e.Errors.ContainsKey("note"));
        Assert.Null(Assert.Single(m.Extensions).Granted);
    }

    [Fact]
    public void DecideExtension_AlreadyDecided_Conflict()
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        m.DecideExtension(x.Id, true, null, Clerk, Now.AddDays(2));
        Assert.Throws<ConflictException>(() => m.DecideExtension(x.Id, false, "撤回", Clerk, Now.AddDays(3)));
    }

    [Fact]
    public void DecideExtension_UnknownRequest_NotFound()
    {
        var m = Assigned();
        Assert.Throws<NotFoundException>(() => m.DecideExtension(Guid.NewGuid(), true, null, Clerk, Now));
    }

    [Fact]
    public void DecideExtension_ClosureUnderReview_StillDecided()
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        Submitted(m);
        m.DecideExtension(x.Id, true, null, Clerk, Now.AddDays(3));
        Assert.Equal(Deadline.AddDays(7), m.Deadline);
    }

    [Fact]
    public void DecideExtension_Closed_Conflict()
    {
        var m = Assigned();
        var x = Extend(m, Deadline.AddDays(7));
        Submitted(m).AcceptClosure(Clerk, Now.AddDays(3));
        Assert.Throws<ConflictException>(() => m.DecideExtension(x.Id, true, null, Clerk, Now.AddDays(4)));
    }

    [Fact]
    public void DecideExtension_GrantedBeyondTheCardsDeadline_LiftsTheCardAndTheNextMissBringsCardTwo()
    {
        var m = Carded();
        var x = m.RequestExtension(CardDeadline.AddDays(10), "汛期施工受阻", Handler, CardIssuedAt.AddHours(1), 2);
        m.DecideExtension(x.Id, true, null, Clerk, CardIssuedAt.AddHours(2));

        Assert.Equal(SupervisionStage.None, m.Stage);
        Assert.Equal(CardDeadline.AddDays(10), m.EffectiveDeadline);
        Assert.False(m.RequireExplanationIfDue(CardDeadline.AddHours(1)));
        Assert.False(m.IsOverdue(CardDeadline.AddHours(1)));

        var second = m.IssueCardIfDue(CardDeadline.AddDays(10).AddMinutes(1), CardPeriod);
        Assert.NotNull(second);
        Assert.Equal(2, second.Number);
        Assert.Equal(CardDeadline.AddDays(10), second.OriginalDeadline);
        Assert.Equal(2, m.Cards.Count);
    }

    [Fact]
    public void DecideExtension_GrantedBeforeTheCardsDeadline_TheCardStillGoverns()
    {
        var m = Carded();
        var x = m.RequestExtension(CardDeadline.AddDays(-1), "汛期施工受阻", Handler, CardIssuedAt.AddHours(1), 2);
        m.DecideExtension(x.Id, true, null, Clerk, CardIssuedAt.AddHours(2));

        Assert.Equal(CardDeadline.AddDays(-1), m.Deadline);
        Assert.Equal(SupervisionStage.Card, m.Stage);
        Assert.Equal(CardDeadline, m.EffectiveDeadline);
        Assert.True(m.RequireExplanationIfDue(CardDeadline.AddMinutes(1)));
    }

    [Fact]
    public void DecideExtension_GrantedOnceTheExplanationIsDue_StageAndAccountabilityStay()
    {
        var m = ExplanationDue();
        var at = CardDeadline.AddDays(1);
        var x = m.RequestExtension(at.AddDays(10), "汛期施工受阻", Handler, at, 2);
        m.DecideExtension(x.Id, true, null, Clerk, at.AddHours(1));

        Assert.Equal(at.AddDays(10), m.Deadline);
        Assert.Equal(SupervisionStage.ExplanationDue, m.Stage);
        Assert.True(m.InAccountability);
        Assert.Null(m.IssueCardIfDue(at.AddDays(11), CardPeriod));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void IssueCardIfDue_NotPastTheDeadline_Null(int minutes)
    {
        var m = Assigned();
        Assert.Null(m.IssueCardIfDue(Deadline.AddMinutes(minutes), CardPeriod));
        Assert.Equal(SupervisionStage.None, m.Stage);
        Assert.Empty(m.Cards);
        Assert.Equal(1, m.Revision);
    }

    [Fact]
    public void IssueCardIfDue_PastTheDeadline_IssuesOneCard()
    {
        var m = Assigned();
        var card = m.IssueCardIfDue(CardIssuedAt, CardPeriod);

        Assert.NotNull(card);
        Assert.Equal(1, card.Number);
        Assert.Equal(CardIssuedAt, card.IssuedAt);
        Assert.Equal(Deadline, card.OriginalDeadline);
        Assert.Equal(CardIssuedAt + CardPeriod, card.CardDeadline);
        Assert.Equal(SupervisionStage.Card, m.Stage);
        Assert.Equal(card.CardDeadline, m.EffectiveDeadline);
        Assert.Equal(2, m.Revision);

        Assert.Null(m.IssueCardIfDue(CardIssuedAt.AddHours(1), CardPeriod));
        Assert.Equal(card, Assert.Single(m.Cards));
        Assert.Equal(2, m.Revision);
    }

    [Fact]
    public void IssueCardIfDue_ClosureSubmittedOrClosed_Null()
    {
        var submitted = Submitted();
        Assert.Null(submitted.IssueCardIfDue(CardIssuedAt, CardPeriod));

        var closed = Submitted();
        closed.AcceptClosure(Clerk, Now.AddDays(3));
        Assert.Null(closed.IssueCardIfDue(CardIssuedAt, CardPeriod));
        Assert.Empty(closed.Cards);
    }

    [Fact]
    public void IssueCardIfDue_ClosureSentBackAfterTheDeadline_CardOnTheNextSweep()
    {
        var m = Submitted();
        Assert.Null(m.IssueCardIfDue(CardIssuedAt, CardPeriod));
        m.ReturnClosure("整改照片不全", Clerk, CardIssuedAt.AddHours(1));
        Assert.NotNull(m.IssueCardIfDue(CardIssuedAt.AddHours(2), CardPeriod));
    }

    [Fact]
    public void IssueCardIfDue_NoPeriod_Throws()
    {
        var m = Assigned();
        Assert.Throws<ArgumentOutOfRangeException>(() => m.IssueCardIfDue(CardIssuedAt, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void RequireExplanationIfDue_NotPastTheCardsDeadline_False(int minutes)
    {
        var m = Carded();
        Assert.False(m.RequireExplanationIfDue(CardDeadline.AddMinutes(minutes)));
        Assert.Equal(SupervisionStage.Card, m.Stage);
        Assert.False(m.InAccountability);
    }

    [Fact]
    public void RequireExplanationIfDue_PastTheCardsDeadline_ExplanationDueAndOnTheAccountabilityList()
    {
        var m = Carded();
        var at = CardDeadline.AddMinutes(1);

        Assert.True(m.RequireExplanationIfDue(at));
        Assert.Equal(SupervisionStage.ExplanationDue, m.Stage);
        Assert.Equal(at, m.ExplanationDueAt);
        Assert.True(m.InAccountability);
        Assert.Equal(at, m.AccountabilitySince);
        Assert.Equal(3, m.Revision);
        Assert.True(m.IsOverdue(at));

        Assert.False(m.RequireExplanationIfDue(at.AddDays(1)));
        Assert.Equal(at, m.AccountabilitySince);
        Assert.Equal(3, m.Revision);
    }

    [Fact]
    public void RequireExplanationIfDue_OverdueWithoutCard_False()
    {
        var m = Assigned();
        Assert.False(m.RequireExplanationIfDue(CardDeadline.AddDays(1)));
        Assert.False(m.InAccountability);
    }

    [Fact]
    public void RequireExplanationIfDue_ClosureSubmittedBeforeTheCardsDeadline_False()
    {
        var m = Carded();
        m.SubmitClosure("已整改完毕", [], Handler, CardIssuedAt.AddDays(1));
        Assert.False(m.RequireExplanationIfDue(CardDeadline.AddDays(1)));
        Assert.False(m.InAccountability);
    }

    [Fact]
    public void FileExplanation_ByTheResponsibleLeader_ExplainedAndStillOnTheList()
    {
        var m = ExplanationDue();
        var at = CardDeadline.AddDays(2);
        m.FileExplanation(" 因汛期连续降雨，施工无法进场。 ", Leader, at);

        Assert.Equal(SupervisionStage.Explained, m.Stage);
        Assert.Equal("因汛期连续降雨，施工无法进场。", m.Explanation);
        Assert.Equal(Leader, m.ExplainedBy);
        Assert.Equal(at, m.ExplainedAt);
        Assert.True(m.InAccountability);
        Assert.Equal(4, m.Revision);
    }

    [Fact]
    public void FileExplanation_BySomeoneElse_Forbidden()
    {
        var m = ExplanationDue();
        Assert.Throws<ForbiddenException>(() => m.FileExplanation("说明", Handler, CardDeadline.AddDays(2)));
        Assert.Throws<ForbiddenException>(() => m.FileExplanation("说明", Stranger, CardDeadline.AddDays(2)));
        Assert.Equal(SupervisionStage.ExplanationDue, m.Stage);
    }

    [Fact]
    public void FileExplanation_NotDueOrFiledAlready_Conflict()
    {
        Assert.Throws<ConflictException>(() => Assigned().FileExplanation("说明", Leader, Now));
        Assert.Throws<ConflictException>(() => Carded().FileExplanation("说明", Leader, CardIssuedAt));

        var m = ExplanationDue();
        m.FileExplanation("说明", Leader, CardDeadline.AddDays(2));
        Assert.Throws<ConflictException>(() => m.FileExplanation("补充说明", Leader, CardDeadline.AddDays(3)));
    }

    [Fact]
    public void FileExplanation_WithoutText_ValidationError()
    {
        var m = ExplanationDue();
        var e = Assert.Throws<RequestValidationException>(() => m.FileExplanation(" ", Leader, CardDeadline.AddDays(2)));
        Assert.True(e.Errors.ContainsKey("text"));
    }

    [Fact]
    public void FileExplanation_MatterClosedMeanwhile_StillOwedAndFiled()
    {
        var m = ExplanationDue();
        Submitted(m, CardDeadline.AddHours(2)).AcceptClosure(Clerk, CardDeadline.AddDays(1));
        m.FileExplanation("说明", Leader, CardDeadline.AddDays(2));
        Assert.Equal(SupervisionStage.Explained, m.Stage);
    }

    [Fact]
    public void SubmitClosure_WithReportAndEvidence_SubmittedOnce()
    {
        var m = Assigned();
        var photo = Guid.NewGuid();
        var pdf = Guid.NewGuid();
        m.SubmitClosure(" 堤防隐患12处已全部整改。 ", [photo, pdf, photo], Handler, Now.AddDays(2));

        Assert.Equal(MatterState.ClosureSubmitted, m.State);
        Assert.False(m.IsOpen);
        Assert.Equal("堤防隐患12处已全部整改。", m.ClosingReport);
        Assert.Equal([photo, pdf], m.ClosingEvidenceFileIds);
        Assert.Equal(Now.AddDays(2), m.ClosureSubmittedAt);
        Assert.Equal(Handler, m.ClosureSubmittedBy);
        Assert.Equal(2, m.Revision);
    }

    [Fact]
    public void SubmitClosure_WithoutEvidence_Submitted()
    {
        var m = Assigned();
        m.SubmitClosure("已整改完毕", null, Handler, Now.AddDays(2));
        Assert.Equal(MatterState.ClosureSubmitted, m.State);
        Assert.Empty(m.ClosingEvidenceFileIds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void SubmitClosure_WithoutReport_ValidationError(string? report)
    {
        var m = Assigned();
        var e = Assert.Throws<RequestValidationException>(() => m.SubmitClosure(report, [Guid.NewGuid()], Handler, Now.AddDays(2)));
        Assert.True(e.Errors.ContainsKey("report"));
        Assert.Equal(MatterState.Assigned, m.State);
    }

    [Fact]
    public void SubmitClosure_AlreadySubmitted_Conflict()
    {
        var m = Submitted();
        Assert.Throws<ConflictException>(() => m.SubmitClosure("再次提交", [], Handler, Now.AddDays(3)));
    }

    [Fact]
    public void AcceptClosure_Submitted_Closed()
    {
        var m = Submitted();
        m.AcceptClosure(Clerk, Now.AddDays(3));

        Assert.Equal(MatterState.Closed, m.State);
        Assert.Equal(Clerk, m.ClosedBy);
        Assert.Equal(Now.AddDays(3), m.ClosedAt);
        Assert.False(m.IsOverdue(CardDeadline.AddDays(30)));
        Assert.Equal(3, m.Revision);
    }

    [Fact]
    public void AcceptClosure_NotSubmitted_Conflict()
    {
        Assert.Throws<ConflictException>(() => Assigned().AcceptClosure(Clerk, Now));

        var closed = Submitted();
        closed.AcceptClosure(Clerk, Now.AddDays(3));
        Assert.Throws<ConflictException>(() => closed.AcceptClosure(Clerk, Now.AddDays(4)));
    }

    [Fact]
    public void AcceptClosure_OnTheAccountabilityList_TheFlagStays()
    {
        var m = ExplanationDue();
        Submitted(m, CardDeadline.AddDays(1)).AcceptClosure(Clerk, CardDeadline.AddDays(2));

        Assert.Equal(MatterState.Closed, m.State);
        Assert.True(m.InAccountability);
        Assert.NotNull(m.AccountabilitySince);
    }

    [Fact]
    public void ReturnClosure_WithReason_BackInProgressAndSubmittableAgain()
    {
        var m = Submitted();
        m.ReturnClosure(" 整改照片不全 ", Clerk, Now.AddDays(3));

        Assert.Equal(MatterState.InProgress, m.State);
        Assert.Equal("整改照片不全", m.ReturnReason);
        Assert.Equal(Clerk, m.ReturnedBy);
        Assert.Equal(Now.AddDays(3), m.ReturnedAt);
        Assert.Equal(3, m.Revision);

        m.SubmitClosure("已补充整改照片", [Guid.NewGuid()], Handler, Now.AddDays(4));
        Assert.Equal(MatterState.ClosureSubmitted, m.State);
        Assert.Equal("已补充整改照片", m.ClosingReport);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void ReturnClosure_WithoutReason_ValidationError(string? reason)
    {
        var m = Submitted();
        var e = Assert.Throws<RequestValidationException>(() => m.ReturnClosure(reason, Clerk, Now.AddDays(3)));
        Assert.True(e.Errors.ContainsKey("reason"));
        Assert.Equal(MatterState.ClosureSubmitted, m.State);
    }

    [Fact]
    public void ReturnClosure_NotSubmitted_Conflict()
    {
        Assert.Throws<ConflictException>(() => Assigned().ReturnClosure("不符合要求", Clerk, Now));
    }

    [Fact]
    public void IsOverdue_PastTheDeadlineWhileOpenOnly()
    {
        var m = Assigned();
        Assert.False(m.IsOverdue(Deadline));
        Assert.True(m.IsOverdue(Deadline.AddMinutes(1)));

        Submitted(m, Deadline.AddMinutes(2));
        Assert.False(m.IsOverdue(Deadline.AddMinutes(3)));
    }

    [Fact]
    public void Colour_FollowsTheDeadlineInForce()
    {
        var m = Assigned();
        Assert.Equal(DueColour.OnTrack, m.Colour(Now));
        Assert.Equal(DueColour.DueSoon, m.Colour(Deadline.AddDays(-1)));
        Assert.Equal(DueColour.Overdue, m.Colour(Deadline.AddMinutes(1)));

        m.IssueCardIfDue(CardIssuedAt, CardPeriod);
        Assert.Equal(DueColour.OnTrack, m.Colour(CardIssuedAt));
        Assert.Equal(DueColour.Overdue, m.Colour(CardDeadline.AddMinutes(1)));

        Submitted(m, CardIssuedAt.AddDays(1));
        Assert.Equal(DueColour.None, m.Colour(CardDeadline.AddMinutes(1)));
    }

    [Fact]
    public void Count_MixedMatters_EachCounterCountsItsOwn()
    {
        var at = Now.AddDays(20);
        var onTrack = Assigned(Now.AddDays(30));
        var dueSoon = Assigned(Now.AddDays(22));
        var overdue = Assigned(Now.AddDays(15));
        // Past its deadline, but the card's deadline (day 24) governs: on track at day 20.
        var carded = Assigned(Now.AddDays(18));
        carded.IssueCardIfDue(Now.AddDays(19), CardPeriod);
        var accountable = Assigned(Now.AddDays(5));
        accountable.IssueCardIfDue(Now.AddDays(6), CardPeriod);
        accountable.RequireExplanationIfDue(Now.AddDays(12));
        var closedAccountable = Assigned(Now.AddDays(5));
        closedAccountable.IssueCardIfDue(Now.AddDays(6), CardPeriod);
        closedAccountable.RequireExplanationIfDue(Now.AddDays(12));
        Submitted(closedAccountable, Now.AddDays(13)).AcceptClosure(Clerk, Now.AddDays(14));
        var underReview = Submitted(Assigned(Now.AddDays(21)), Now.AddDays(19));

        var counters = MatterCounters.Count([onTrack, dueSoon, overdue, carded, accountable, closedAccountable, underReview], at);

        Assert.Equal(new MatterCounters(Open: 6, DueSoon: 1, Overdue: 2, Carded: 1, InAccountability: 2, Closed: 1), counters);
    }

    [Fact]
    public void Count_NoMatters_AllZero()
    {
        Assert.Equal(new MatterCounters(0, 0, 0, 0, 0, 0), MatterCounters.Count([], Now));
    }
}
