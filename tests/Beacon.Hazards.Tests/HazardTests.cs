using Beacon.Hazards.Domain;
using Beacon.Platform.Common;

namespace Beacon.Hazards.Tests;

public sealed class HazardTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly RiskMatrix Matrix = RiskMatrix.Default();
    private static readonly Guid Town = Guid.NewGuid();
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Guid Inspector = Guid.NewGuid();
    private static readonly Guid Officer = Guid.NewGuid();
    private static readonly Guid Worker = Guid.NewGuid();
    private static readonly DateTimeOffset Deadline = Now.AddDays(10);
    private static readonly Guid[] Evidence = [Guid.NewGuid()];

    private static RecordInput Input(int likelihood = 4, int impact = 4) =>
        new(Town, "/o/t/", "YH-2026-000123", HazardSource.Inspection, "消防", "城东加油站", "消防通道被杂物堵塞", likelihood, impact,
            Now.AddHours(-2));

    private static Hazard Recorded() => Hazard.Record(Input(), Matrix, Inspector, Now);

    private static Hazard Rectifying()
    {
        var h = Recorded();
        h.SetRectification(Station, "李四", "清理杂物，设置禁停标识", Deadline, Officer, Now.AddHours(1));
        return h;
    }

    private static Hazard Submitted()
    {
        var h = Rectifying();
        h.SubmitClosure(Evidence, "已清理完毕", Worker, Now.AddDays(5));
        return h;
    }

    private static Hazard Closed()
    {
        var h = Submitted();
        h.AcceptClosure(Officer, Now.AddDays(6));
        return h;
    }

    private static FindingInput Finding(Guid? ownerUnit, DateTimeOffset? deadline) =>
        new(Town, "/o/t/", "YH-2026-000124", Guid.NewGuid(), Guid.NewGuid(), " 转移路线标识不清 ", ownerUnit, " 张三 ", deadline, "防汛", "东江沿岸",
            3, 3);

    [Fact]
    public void Record_Valid_OpenWithTheRiskLevelOfTheMatrix()
    {
        var h = Recorded();

        Assert.Equal(HazardState.Open, h.State);
        Assert.Equal(HazardSource.Inspection, h.Source);
        Assert.Equal("YH-2026-000123", h.Code);
        Assert.Equal("/o/t/", h.UnitPath);
        Assert.Equal(4, h.Likelihood);
        Assert.Equal(4, h.Impact);
        Assert.Equal("high", h.RiskLevel);
        Assert.Equal("高风险", h.RiskLevelName);
        Assert.Equal(Now.AddHours(-2), h.FoundAt);
        Assert.Equal(Inspector, h.ReportedBy);
        Assert.Equal(Now, h.ReportedAt);
        Assert.Null(h.PlanId);
        Assert.Null(h.Deadline);
        Assert.Equal(DueColour.None, h.Due(Now));
        Assert.Equal(1, h.Revision);
    }

    [Fact]
    public void Record_NoTimeFound_FoundNow()
    {
        var h = Hazard.Record(Input() with { FoundAt = null }, Matrix, Inspector, Now);
        Assert.Equal(Now, h.FoundAt);
    }

    [Theory]
    [InlineData(6, 3, "likelihood")]
    [InlineData(0, 3, "likelihood")]
    [InlineData(3, 6, "impact")]
    [InlineData(3, 0, "impact")]
    public void Record_OutsideTheMatrix_ValidationError(int likelihood, int impact, string field)
    {
        var e = Assert.Throws<RequestValidationException>(() => Hazard.Record(Input(likelihood, impact), Matrix, Inspector, Now));
        Assert.True(e.Errors.ContainsKey(field));
    }

    [Fact]
    public void Record_EverythingMissingOrWrong_AllReportedTogether()
    {
        var bad = new RecordInput(Town, "/o/t/", " ", (HazardSource)9, null, new string('地', 301), "", 6, 0, Now.AddMinutes(1));
        var e = Assert.Throws<RequestValidationException>(() => Hazard.Record(bad, Matrix, Inspector, Now));
        foreach (var field in new[] { "code", "source", "domain", "place", "description", "likelihood", "impact", "foundAt" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Record_FromScreening_NeedsItsPlan()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            Hazard.Record(Input() with { Source = HazardSource.Screening }, Matrix, Inspector, Now));
        Assert.True(e.Errors.ContainsKey("planId"));

        var plan = Guid.NewGuid();
        var h = Hazard.Record(Input() with { Source = HazardSource.Screening, PlanId = plan }, Matrix, Inspector, Now);
        Assert.Equal(plan, h.PlanId);
    }

    [Fact]
    public void Record_AsAResponseFinding_ValidationError()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            Hazard.Record(Input() with { Source = HazardSource.ResponseFinding }, Matrix, Inspector, Now));
        Assert.True(e.Errors.ContainsKey("source"));
    }

    [Fact]
    public void FromFinding_OwnerAndDeadline_RectifyingAtOnce()
    {
        var input = Finding(Station, Deadline);
        var h = Hazard.FromFinding(input, Matrix, Officer, Now);

        Assert.Equal(HazardState.Rectifying, h.State);
        Assert.Equal(HazardSource.ResponseFinding, h.Source);
        Assert.Equal(input.ResponseId, h.SourceResponseId);
        Assert.Equal(input.FindingId, h.SourceFindingId);
        Assert.Equal("转移路线标识不清", h.Description);
        Assert.Equal("转移路线标识不清", h.Measures);
        Assert.Equal(Station, h.ResponsibleUnitId);
        Assert.Equal("张三", h.ResponsiblePerson);
        Assert.Equal(Deadline, h.Deadline);
        Assert.Equal(Deadline, h.OriginalDeadline);
        Assert.Equal("medium", h.RiskLevel);
        Assert.Equal(Now, h.FoundAt);
        Assert.Equal(1, h.Revision);
    }

    [Fact]
    public void FromFinding_MeasuresGiven_Kept()
    {
        var h = Hazard.FromFinding(Finding(Station, Deadline) with { Measures = "重新设置转移路线指示牌" }, Matrix, Officer, Now);
        Assert.Equal("重新设置转移路线指示牌", h.Measures);
    }

    [Fact]
    public void FromFinding_NoOwnerUnitAndDeadlinePassed_ValidationErrors()
    {
        var e = Assert.Throws<RequestValidationException>(() => Hazard.FromFinding(Finding(null, Now.AddDays(-1)), Matrix, Officer, Now));
        Assert.True(e.Errors.ContainsKey("responsibleUnitId"));
        Assert.True(e.Errors.ContainsKey("deadline"));
    }

    [Fact]
    public void Reassess_AnotherCell_AnotherBand()
    {
        var h = Rectifying();
        h.Reassess(2, 2, Matrix, Officer, Now.AddDays(1));

        Assert.Equal(2, h.Likelihood);
        Assert.Equal(2, h.Impact);
        Assert.Equal("low", h.RiskLevel);
        Assert.Equal("低风险", h.RiskLevelName);
        Assert.Equal(Officer, h.AssessedBy);
        Assert.Equal(Now.AddDays(1), h.AssessedAt);
        Assert.Equal(3, h.Revision);
    }

    [Fact]
    public void Reassess_OutsideTheMatrix_ValidationErrorAndNothingChanges()
    {
        var h = Recorded();
        var e = Assert.Throws<RequestValidationException>(() => h.Reassess(6, 1, Matrix, Officer, Now));
        Assert.True(e.Errors.ContainsKey("likelihood"));
        Assert.Equal(4, h.Likelihood);
        Assert.Equal(1, h.Revision);
    }

    [Fact]
    public void Reassess_Closed_Conflict()
    {
        Assert.Throws<ConflictException>(() => Closed().Reassess(1, 1, Matrix, Officer, Now.AddDays(7)));
    }

    [Fact]
    public void SetRectification_Open_Rectifying()
    {
        var h = Rectifying();

        Assert.Equal(HazardState.Rectifying, h.State);
        Assert.Equal(Station, h.ResponsibleUnitId);
        Assert.Equal("李四", h.ResponsiblePerson);
        Assert.Equal("清理杂物，设置禁停标识", h.Measures);
        Assert.Equal(Deadline, h.Deadline);
        Assert.Equal(Deadline, h.OriginalDeadline);
        Assert.Equal(Officer, h.AssignedBy);
        Assert.Equal(Now.AddHours(1), h.AssignedAt);
        Assert.Equal(0, h.ExtensionCount);
        Assert.Equal(2, h.Revision);
    }

    [Fact]
    public void SetRectification_EverythingMissing_AllReportedTogether()
    {
        var h = Recorded();
        var e = Assert.Throws<RequestValidationException>(() => h.SetRectification(null, " ", null, null, Officer, Now));
        foreach (var field in new[] { "responsibleUnitId", "responsiblePerson", "measures", "deadline" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
        Assert.Equal(HazardState.Open, h.State);
    }

    [Fact]
    public void SetRectification_DeadlineInThePast_ValidationError()
    {
        var h = Recorded();
        var e = Assert.Throws<RequestValidationException>(() => h.SetRectification(Station, "李四", "清理", Now.AddMinutes(-1), Officer, Now));
        Assert.True(e.Errors.ContainsKey("deadline"));
        Assert.Throws<RequestValidationException>(() => h.SetRectification(Station, "李四", "清理", Now, Officer, Now));
        Assert.Equal(HazardState.Open, h.State);
    }

    [Fact]
    public void SetRectification_WhileRectifying_CorrectedAndTheOriginalDeadlineKept()
    {
        var h = Rectifying();
        h.SetRectification(Station, "王五", "清理杂物", Deadline.AddDays(5), Officer, Now.AddDays(1));

        Assert.Equal("王五", h.ResponsiblePerson);
        Assert.Equal(Deadline.AddDays(5), h.Deadline);
        Assert.Equal(Deadline, h.OriginalDeadline);
        Assert.Equal(3, h.Revision);
    }

    [Fact]
    public void SetRectification_OverdueWithTheSameDeadline_PersonCorrected()
    {
        var h = Rectifying();
        h.SetRectification(Station, "王五", "清理杂物", Deadline, Officer, Deadline.AddDays(1));
        Assert.Equal("王五", h.ResponsiblePerson);
        Assert.True(h.IsOverdue(Deadline.AddDays(1)));
    }

    [Fact]
    public void SetRectification_ClosureSubmitted_Conflict()
    {
        Assert.Throws<ConflictException>(() => Submitted().SetRectification(Station, "王五", "清理", Deadline, Officer, Now.AddDays(5)));
    }

    [Fact]
    public void RecordProgress_Rectifying_Appended()
    {
        var h = Rectifying();
        h.RecordProgress(" 已清理一半 ", Worker, Now.AddDays(2));

        Assert.Equal(new ProgressEntry(Now.AddDays(2), Worker, "已清理一半"), Assert.Single(h.Progress));
        Assert.Equal(3, h.Revision);
    }

    [Fact]
    public void RecordProgress_OpenOrWithoutText_Refused()
    {
        Assert.Throws<ConflictException>(() => Recorded().RecordProgress("已清理一半", Worker, Now));
        var e = Assert.Throws<RequestValidationException>(() => Rectifying().RecordProgress(" ", Worker, Now));
        Assert.True(e.Errors.ContainsKey("text"));
    }

    [Fact]
    public void RequestExtension_LaterDateWithReason_Pending()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), " 需采购设备 ", Worker, Now.AddDays(2), 2);

        Assert.Equal(Deadline.AddDays(7), x.RequestedDeadline);
        Assert.Equal("需采购设备", x.Reason);
        Assert.Null(x.Granted);
        Assert.Equal(x, h.PendingExtension);
        Assert.Equal(x, Assert.Single(h.Extensions));
        Assert.Equal(Deadline, h.Deadline);
        Assert.Equal(3, h.Revision);
    }

    [Fact]
    public void RequestExtension_EarlierOrSameDate_ValidationError()
    {
        var h = Rectifying();
        var earlier = Assert.Throws<RequestValidationException>(() => h.RequestExtension(Deadline.AddDays(-1), "需采购设备", Worker, Now, 2));
        Assert.True(earlier.Errors.ContainsKey("newDeadline"));
        Assert.Throws<RequestValidationException>(() => h.RequestExtension(Deadline, "需采购设备", Worker, Now, 2));
        Assert.Empty(h.Extensions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void RequestExtension_WithoutReason_ValidationError(string? reason)
    {
        var h = Rectifying();
        var e = Assert.Throws<RequestValidationException>(() => h.RequestExtension(Deadline.AddDays(7), reason, Worker, Now, 2));
        Assert.True(e.Errors.ContainsKey("reason"));
    }

    [Fact]
    public void RequestExtension_OneAlreadyPending_DomainException()
    {
        var h = Rectifying();
        h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(1), 2);
        Assert.Throws<DomainException>(() => h.RequestExtension(Deadline.AddDays(9), "需采购设备", Worker, Now.AddDays(2), 2));
        Assert.Single(h.Extensions);
    }

    [Fact]
    public void RequestExtension_ThirdWithMaxTwo_DomainException()
    {
        var h = Rectifying();
        var first = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(1), 2);
        h.DecideExtension(first.Id, true, null, Officer, Now.AddDays(2));
        var second = h.RequestExtension(Deadline.AddDays(14), "设备未到货", Worker, Now.AddDays(3), 2);
        h.DecideExtension(second.Id, true, null, Officer, Now.AddDays(4));

        Assert.Throws<DomainException>(() => h.RequestExtension(Deadline.AddDays(21), "施工延误", Worker, Now.AddDays(5), 2));
        Assert.Equal(2, h.ExtensionCount);
        Assert.Equal(Deadline.AddDays(14), h.Deadline);
        Assert.Equal(Deadline, h.OriginalDeadline);
    }

    [Fact]
    public void RequestExtension_AfterRefusals_RefusalsDoNotCount()
    {
        var h = Rectifying();
        for (var i = 0; i < 3; i++)
        {
            var x = h.RequestExtension(Deadline.AddDays(7 + i), "需采购设备", Worker, Now.AddDays(1), 1);
            h.DecideExtension(x.Id, false, "理由不充分", Officer, Now.AddDays(2));
        }
        Assert.Equal(3, h.Extensions.Count);
        Assert.Equal(0, h.ExtensionCount);
    }

    [Fact]
    public void RequestExtension_NotRectifying_Conflict()
    {
        Assert.Throws<ConflictException>(() => Recorded().RequestExtension(Deadline, "需采购设备", Worker, Now, 2));
        Assert.Throws<ConflictException>(() => Submitted().RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(5), 2));
    }

    [Fact]
    public void DecideExtension_Granted_DeadlineMoves()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        h.DecideExtension(x.Id, true, null, Officer, Now.AddDays(3));

        var decided = Assert.Single(h.Extensions);
        Assert.True(decided.Granted);
        Assert.Equal(Officer, decided.DecidedBy);
        Assert.Equal(Now.AddDays(3), decided.DecidedAt);
        Assert.Null(h.PendingExtension);
        Assert.Equal(Deadline.AddDays(7), h.Deadline);
        Assert.Equal(1, h.ExtensionCount);
        Assert.Equal(4, h.Revision);
    }

    [Fact]
    public void DecideExtension_RefusedWithoutNote_ValidationError()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        var e = Assert.Throws<RequestValidationException>(() => h.DecideExtension(x.Id, false, " ", Officer, Now.AddDays(3)));
        Assert.True(e.Errors.ContainsKey("note"));
        Assert.Equal(x, h.PendingExtension);
    }

    [Fact]
    public void DecideExtension_Refused_DeadlineStays()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        h.DecideExtension(x.Id, false, " 可先行租用设备 ", Officer, Now.AddDays(3));

        var decided = Assert.Single(h.Extensions);
        Assert.False(decided.Granted);
        Assert.Equal("可先行租用设备", decided.DecisionNote);
        Assert.Equal(Deadline, h.Deadline);
        Assert.Equal(0, h.ExtensionCount);
    }

    [Fact]
    public void DecideExtension_DecidedAlreadyOrUnknown_Refused()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        h.DecideExtension(x.Id, true, null, Officer, Now.AddDays(3));

        Assert.Throws<ConflictException>(() => h.DecideExtension(x.Id, false, "撤回", Officer, Now.AddDays(4)));
        Assert.Throws<NotFoundException>(() => h.DecideExtension(Guid.NewGuid(), true, null, Officer, Now.AddDays(4)));
    }

    [Fact]
    public void DecideExtension_OfficeMovedTheDeadlineFurtherMeanwhile_GrantDoesNotShortenIt()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        h.SetRectification(Station, "李四", "清理杂物", Deadline.AddDays(30), Officer, Now.AddDays(3));
        h.DecideExtension(x.Id, true, null, Officer, Now.AddDays(4));
        Assert.Equal(Deadline.AddDays(30), h.Deadline);
    }

    [Fact]
    public void SubmitClosure_EvidenceAndNote_Submitted()
    {
        var h = Rectifying();
        var file = Guid.NewGuid();
        h.SubmitClosure([file, file, Guid.Empty], " 已清理完毕并设置标识 ", Worker, Now.AddDays(5));

        Assert.Equal(HazardState.ClosureSubmitted, h.State);
        Assert.Equal([file], h.EvidenceFileIds);
        Assert.Equal("已清理完毕并设置标识", h.ClosureNote);
        Assert.Equal(Worker, h.ClosureSubmittedBy);
        Assert.Equal(Now.AddDays(5), h.ClosureSubmittedAt);
        Assert.True(h.IsDone);
        Assert.Equal(3, h.Revision);
    }

    [Fact]
    public void SubmitClosure_WithoutEvidenceOrNote_ValidationErrors()
    {
        var h = Rectifying();
        var e = Assert.Throws<RequestValidationException>(() => h.SubmitClosure([], null, Worker, Now.AddDays(5)));
        Assert.True(e.Errors.ContainsKey("evidence"));
        Assert.True(e.Errors.ContainsKey("note"));
        var onlyEmpty = Assert.Throws<RequestValidationException>(() => h.SubmitClosure([Guid.Empty], "已清理", Worker, Now.AddDays(5)));
        Assert.True(onlyEmpty.Errors.ContainsKey("evidence"));
        Assert.Equal(HazardState.Rectifying, h.State);
    }

    [Fact]
    public void SubmitClosure_TooManyFiles_ValidationError()
    {
        var files = Enumerable.Range(0, Hazard.MaxEvidence + 1).Select(_ => Guid.NewGuid()).ToList();
        var e = Assert.Throws<RequestValidationException>(() => Rectifying().SubmitClosure(files, "已清理", Worker, Now.AddDays(5)));
        Assert.True(e.Errors.ContainsKey("evidence"));
    }

    [Fact]
    public void SubmitClosure_ExtensionPending_DomainException()
    {
        var h = Rectifying();
        h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        Assert.Throws<DomainException>(() => h.SubmitClosure(Evidence, "已清理", Worker, Now.AddDays(3)));
        Assert.Equal(HazardState.Rectifying, h.State);
    }

    [Fact]
    public void SubmitClosure_Open_Conflict()
    {
        Assert.Throws<ConflictException>(() => Recorded().SubmitClosure(Evidence, "已清理", Worker, Now));
    }

    [Fact]
    public void AcceptClosure_Submitted_Closed()
    {
        var h = Closed();

        Assert.Equal(HazardState.Closed, h.State);
        Assert.Equal(Officer, h.ClosedBy);
        Assert.Equal(Now.AddDays(6), h.ClosedAt);
        Assert.Equal(4, h.Revision);
    }

    [Fact]
    public void AcceptClosure_NotSubmitted_Conflict()
    {
        Assert.Throws<ConflictException>(() => Recorded().AcceptClosure(Officer, Now));
        Assert.Throws<ConflictException>(() => Rectifying().AcceptClosure(Officer, Now.AddDays(1)));
        Assert.Throws<ConflictException>(() => Closed().AcceptClosure(Officer, Now.AddDays(7)));
    }

    [Fact]
    public void ReturnClosure_WithReason_BackToRectifying()
    {
        var h = Submitted();
        h.ReturnClosure(" 照片未体现禁停标识 ", Officer, Now.AddDays(6));

        Assert.Equal(HazardState.Rectifying, h.State);
        Assert.Equal("照片未体现禁停标识", h.ReturnReason);
        Assert.Equal(Officer, h.ReturnedBy);
        Assert.Equal(Now.AddDays(6), h.ReturnedAt);
        Assert.False(h.IsDone);
        Assert.Equal(4, h.Revision);

        h.SubmitClosure([Guid.NewGuid()], "已补充标识照片", Worker, Now.AddDays(7));
        Assert.Equal(HazardState.ClosureSubmitted, h.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void ReturnClosure_WithoutReason_ValidationError(string? reason)
    {
        var h = Submitted();
        var e = Assert.Throws<RequestValidationException>(() => h.ReturnClosure(reason, Officer, Now.AddDays(6)));
        Assert.True(e.Errors.ContainsKey("reason"));
        Assert.Equal(HazardState.ClosureSubmitted, h.State);
    }

    [Fact]
    public void ReturnClosure_NotSubmitted_Conflict()
    {
        Assert.Throws<ConflictException>(() => Rectifying().ReturnClosure("材料不全", Officer, Now.AddDays(1)));
    }

    [Fact]
    public void Reopen_Closed_OpenAgainAsARepeatNeedingANewDeadline()
    {
        var h = Closed();
        h.Reopen(" 通道再次被堵 ", Inspector, Now.AddDays(40));

        Assert.Equal(HazardState.Open, h.State);
        Assert.Equal(1, h.RepeatCount);
        Assert.Equal("通道再次被堵", h.ReopenReason);
        Assert.Equal(Inspector, h.ReopenedBy);
        Assert.Equal(Now.AddDays(40), h.ReopenedAt);
        Assert.Equal(Station, h.ResponsibleUnitId);
        Assert.Equal("李四", h.ResponsiblePerson);
        Assert.Null(h.Deadline);
        Assert.Null(h.OriginalDeadline);
        Assert.Null(h.ClosedAt);
        Assert.Empty(h.EvidenceFileIds);
        Assert.Equal(5, h.Revision);

        h.SetRectification(Station, "李四", "加装隔离栏", Now.AddDays(50), Officer, Now.AddDays(41));
        Assert.Equal(Now.AddDays(50), h.OriginalDeadline);
        h.SubmitClosure(Evidence, "已加装", Worker, Now.AddDays(45));
        h.AcceptClosure(Officer, Now.AddDays(46));
        h.Reopen("再次堵塞", Inspector, Now.AddDays(80));
        Assert.Equal(2, h.RepeatCount);
    }

    [Fact]
    public void Reopen_AfterExtensions_TheNewRoundMayBeExtendedAgain()
    {
        var h = Rectifying();
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(1), 1);
        h.DecideExtension(x.Id, true, null, Officer, Now.AddDays(2));
        h.SubmitClosure(Evidence, "已清理", Worker, Now.AddDays(3));
        h.AcceptClosure(Officer, Now.AddDays(4));
        h.Reopen("再次堵塞", Inspector, Now.AddDays(40));
        h.SetRectification(Station, "李四", "加装隔离栏", Now.AddDays(50), Officer, Now.AddDays(41));

        h.RequestExtension(Now.AddDays(60), "施工延误", Worker, Now.AddDays(42), 1);
        Assert.Equal(2, h.Extensions.Count);
    }

    [Fact]
    public void Reopen_NotClosedOrWithoutReason_Refused()
    {
        Assert.Throws<ConflictException>(() => Submitted().Reopen("再次堵塞", Inspector, Now.AddDays(6)));
        var e = Assert.Throws<RequestValidationException>(() => Closed().Reopen(" ", Inspector, Now.AddDays(40)));
        Assert.True(e.Errors.ContainsKey("reason"));
    }

    [Fact]
    public void Revision_EveryChange_Increments()
    {
        var h = Recorded();
        Assert.Equal(1, h.Revision);
        h.SetRectification(Station, "李四", "清理", Deadline, Officer, Now);
        Assert.Equal(2, h.Revision);
        h.RecordProgress("进行中", Worker, Now.AddDays(1));
        Assert.Equal(3, h.Revision);
        var x = h.RequestExtension(Deadline.AddDays(7), "需采购设备", Worker, Now.AddDays(2), 2);
        Assert.Equal(4, h.Revision);
        h.DecideExtension(x.Id, true, null, Officer, Now.AddDays(3));
        Assert.Equal(5, h.Revision);
        h.Reassess(3, 3, Matrix, Officer, Now.AddDays(3));
        Assert.Equal(6, h.Revision);
        h.SubmitClosure(Evidence, "已清理", Worker, Now.AddDays(4));
        Assert.Equal(7, h.Revision);
        h.ReturnClosure("材料不全", Officer, Now.AddDays(5));
        Assert.Equal(8, h.Revision);
        h.SubmitClosure(Evidence, "已补充", Worker, Now.AddDays(6));
        Assert.Equal(9, h.Revision);
        h.AcceptClosure(Officer, Now.AddDays(7));
        Assert.Equal(10, h.Revision);
        h.Reopen("再次堵塞", Inspector, Now.AddDays(40));
        Assert.Equal(11, h.Revision);
    }
}
