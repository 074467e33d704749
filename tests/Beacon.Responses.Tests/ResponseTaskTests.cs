using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Tests;

public sealed class ResponseTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ReportWindow = TimeSpan.FromDays(7);
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid Commander = Guid.NewGuid();
    private static readonly Guid Handler = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();

    private static Response Activated(int level = 2, ResponsePlan? plan = null) => Response.Activate(
        new ActivateInput(Office, "/a/", "natural.flood", "安宁县东江沿岸", "东江沿岸3个乡镇", level, Commander, Plan: plan),
        Authority.PrincipalLeader, Commander, Now, Interval);

    private static ResponseTask NewTask(Response r) =>
        ResponseTask.Create(r, "onsite", "组织危险区群众转移", Township, Handler, Now.AddHours(2), Commander, Now.AddMinutes(5));

    private static void Terminate(Response r) =>
        r.RequestTermination("险情解除", Commander, Authority.PrincipalLeader, Now.AddHours(5), ReportWindow);

    [Fact]
    public void Create_OpenResponse_OpenTaskOfTheGroup()
    {
        var r = Activated();
        var task = ResponseTask.Create(r, " OnSite ", " 组织危险区群众转移 ", Township, Handler, Now.AddHours(2), Commander, Now.AddMinutes(5));

        Assert.Equal(r.Id, task.ResponseId);
        Assert.Equal(r.UnitPath, task.UnitPath);
        Assert.Equal("onsite", task.GroupCode);
        Assert.Equal("组织危险区群众转移", task.Title);
        Assert.Equal(Township, task.AssigneeUnitId);
        Assert.Equal(Handler, task.AssigneeUserId);
        Assert.Equal(Now.AddHours(2), task.DueAt);
        Assert.Equal(TaskState.Open, task.State);
        Assert.False(task.FromMeasure);
        Assert.Equal(Commander, task.CreatedBy);
        Assert.Equal(Now.AddMinutes(5), task.CreatedAt);
        Assert.Equal(1, task.Revision);
    }

    [Fact]
    public void Create_TerminatedResponse_Conflict()
    {
        var r = Activated();
        Terminate(r);
        Assert.Throws<ConflictException>(() => NewTask(r));
    }

    [Fact]
    public void Create_TerminatingResponse_StillAllowed()
    {
        var r = Activated();
        r.RequestTermination("险情解除", Commander, Authority.None, Now.AddHours(1), ReportWindow);
        Assert.Equal(TaskState.Open, NewTask(r).State);
    }

    [Fact]
    public void Create_UnknownGroupNoTitleAndPastDue_AllReportedTogether()
    {
        var r = Activated();
        var e = Assert.Throws<RequestValidationException>(() =>
            ResponseTask.Create(r, "evacuation", " ", null, null, Now, Commander, Now.AddMinutes(5)));
        foreach (var field in new[] { "groupCode", "title", "dueAt" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Create_TitleOverLimit_ValidationError()
    {
        var r = Activated();
        var e = Assert.Throws<RequestValidationException>(() =>
            ResponseTask.Create(r, "onsite", new string('t', 301), null, null, Now.AddHours(1), Commander, Now));
        Assert.True(e.Errors.ContainsKey("title"));
    }

    [Fact]
    public void Create_FromMeasureAlreadyDue_Allowed()
    {
        var r = Activated();
        var task = ResponseTask.Create(r, "onsite", "启动24小时值班", null, null, Now.AddMinutes(15), Commander, Now.AddMinutes(40), fromMeasure: true);
        Assert.True(task.FromMeasure);
        Assert.True(task.IsOverdue(Now.AddMinutes(40)));
    }

    [Fact]
    public void FromPlan_LevelII_TasksOfTheLevelAndBelowDueFromActivationAndAssignedToTheLead()
    {
        var rescueLead = Guid.NewGuid();
        PlanGroup[] groups = [new("coordination", "综合协调组", null, null, []), new("rescue", "抢险救援组", null, rescueLead, [])];
        PlanMeasure[] measures =
        [
            new(4, "加强巡查", "rescue", 120),
            new(2, "启动24小时值班", "coordination", 30),
            new(1, "请求上级支援", "coordination", 15),
        ];
        var plan = ResponsePlan.Create(Office, "/a/", "natural.flood", "防汛应急预案", groups, measures, Commander, Now.AddDays(-30));
        var r = Activated(2, plan);

        var tasks = ResponseTask.FromPlan(r, plan, Commander, Now.AddMinutes(1));

        Assert.Equal(["加强巡查", "启动24小时值班"], tasks.Select(t => t.Title));
        Assert.All(tasks, t => Assert.True(t.FromMeasure));
        Assert.All(tasks, t => Assert.Equal(TaskState.Open, t.State));
        Assert.Equal(["rescue", "coordination"], tasks.Select(t => t.GroupCode));
        Assert.Equal(new Guid?[] { rescueLead, null }, tasks.Select(t => t.AssigneeUnitId));
        Assert.Equal([Now.AddMinutes(120), Now.AddMinutes(30)], tasks.Select(t => t.DueAt));
    }

    [Fact]
    public void FromPlan_NoPlan_NoTasks()
    {
        Assert.Empty(ResponseTask.FromPlan(Activated(), null, Commander, Now));
    }

    [Fact]
    public void FromPlan_TerminatedResponse_Conflict()
    {
        var plan = ResponsePlan.Create(Office, "/a/", "natural.flood", "防汛应急预案", null, [new PlanMeasure(4, "加强巡查", "onsite", 60)], Commander, Now);
        var r = Activated(3, plan);
        Terminate(r);
        Assert.Throws<ConflictException>(() => ResponseTask.FromPlan(r, plan, Commander, Now.AddHours(6)));
    }

    [Fact]
    public void AcceptProgressComplete_OpenResponse_ThroughToDone()
    {
        var r = Activated();
        var task = NewTask(r);

        task.Accept(r, Handler, Now.AddMinutes(10));
        Assert.Equal(TaskState.Accepted, task.State);
        Assert.Equal(Handler, task.AcceptedBy);
        Assert.Equal(Now.AddMinutes(10), task.AcceptedAt);

        task.ReportProgress(r, " 已转移800人 ", Handler, Now.AddMinutes(50));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Equal("已转移800人", task.LastProgress);
        Assert.Equal(Now.AddMinutes(50), task.LastProgressAt);

        task.ReportProgress(r, "已转移1200人", Handler, Now.AddMinutes(80));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Equal("已转移1200人", task.LastProgress);

        task.Complete(r, "全部转移完毕", Handler, Now.AddMinutes(100));
        Assert.Equal(TaskState.Done, task.State);
        Assert.Equal(Handler, task.DoneBy);
        Assert.Equal(Now.AddMinutes(100), task.DoneAt);
        Assert.Equal("全部转移完毕", task.CompletionNote);
        Assert.Equal(5, task.Revision);
    }

    [Fact]
    public void ReportProgress_OpenTask_GoesStraightToInProgress()
    {
        var r = Activated();
        var task = NewTask(r);
        task.ReportProgress(r, "已出发", Handler, Now.AddMinutes(10));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Throws<ConflictException>(() => task.Accept(r, Handler, Now.AddMinutes(11)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void ReportProgress_WithoutText_ValidationError(string? text)
    {
        var r = Activated();
        var task = NewTask(r);
        var e = Assert.Throws<RequestValidationException>(() => task.ReportProgress(r, text, Handler, Now.AddMinutes(10)));
        Assert.True(e.Errors.ContainsKey("text"));
        Assert.Equal(TaskState.Open, task.State);
    }

    [Fact]
    public void Accept_Twice_Conflict()
    {
        var r = Activated();
        var task = NewTask(r);
        task.Accept(r, Handler, Now.AddMinutes(10));
        Assert.Throws<ConflictException>(() => task.Accept(r, Handler, Now.AddMinutes(11)));
    }

    [Fact]
    public void Complete_Twice_Conflict()
    {
        var r = Activated();
        var task = NewTask(r);
        task.Complete(r, null, Handler, Now.AddMinutes(10));
        Assert.Null(task.CompletionNote);
        Assert.Throws<ConflictException>(() => task.Complete(r, null, Handler, Now.AddMinutes(11)));
        Assert.Throws<ConflictException>(() => task.ReportProgress(r, "补充", Handler, Now.AddMinutes(11)));
        Assert.Throws<ConflictException>(() => task.Cancel(r, "重复", Commander, Now.AddMinutes(11)));
    }

    [Fact]
    public void Cancel_WithReason_CancelledAndEnded()
    {
        var r = Activated();
        var task = NewTask(r);
        task.Cancel(r, " 任务合并 ", Commander, Now.AddMinutes(10));

        Assert.Equal(TaskState.Cancelled, task.State);
        Assert.Equal("任务合并", task.CancelReason);
        Assert.Equal(Commander, task.CancelledBy);
        Assert.Equal(Now.AddMinutes(10), task.CancelledAt);
        Assert.Throws<ConflictException>(() => task.Complete(r, null, Handler, Now.AddMinutes(11)));
        Assert.False(task.IsOverdue(Now.AddDays(1)));
    }

    [Fact]
    public void Cancel_WithoutReason_ValidationError()
    {
        var r = Activated();
        var task = NewTask(r);
        var e = Assert.Throws<RequestValidationException>(() => task.Cancel(r, "", Commander, Now.AddMinutes(10)));
        Assert.True(e.Errors.ContainsKey("reason"));
        Assert.Equal(TaskState.Open, task.State);
    }

    [Fact]
    public void TaskChanges_OnTerminatedResponse_Conflict()
    {
        var r = Activated();
        var task = NewTask(r);
        Terminate(r);

        Assert.Throws<ConflictException>(() => task.Accept(r, Handler, Now.AddHours(6)));
        Assert.Throws<ConflictException>(() => task.ReportProgress(r, "已转移", Handler, Now.AddHours(6)));
        Assert.Throws<ConflictException>(() => task.Complete(r, null, Handler, Now.AddHours(6)));
        Assert.Throws<ConflictException>(() => task.Cancel(r, "撤销", Commander, Now.AddHours(6)));
        Assert.Equal(TaskState.Open, task.State);
    }

    [Fact]
    public void TaskChanges_WithAnotherResponse_Refused()
    {
        var r = Activated();
        var task = NewTask(r);
        Assert.Throws<ArgumentException>(() => task.Accept(Activated(), Handler, Now.AddMinutes(10)));
    }

    [Fact]
    public void IsOverdue_PastDueUntilDone()
    {
        var r = Activated();
        var task = NewTask(r);

        Assert.False(task.IsOverdue(Now.AddHours(2)));
        Assert.True(task.IsOverdue(Now.AddHours(2).AddSeconds(1)));
        task.Complete(r, null, Handler, Now.AddHours(3));
        Assert.False(task.IsOverdue(Now.AddHours(4)));
    }
}
