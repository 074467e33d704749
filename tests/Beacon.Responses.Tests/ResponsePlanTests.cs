using Beacon.Platform.Common;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Tests;

public sealed class ResponsePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid Author = Guid.NewGuid();

    private static PlanGroup Group(string code, string name = "工作组") => new(code, name, null, null, []);

    private static ResponsePlan Create(IReadOnlyList<PlanGroup>? groups, IReadOnlyList<PlanMeasure>? measures, string? name = "防汛应急预案") =>
        ResponsePlan.Create(Office, "/a/", "natural.flood", name, groups, measures, Author, Now);

    [Fact]
    public void Create_NoGroupsGiven_TheFourDefaultGroupsWithoutLeads()
    {
        var plan = Create(null, null);

        Assert.Equal(["coordination", "onsite", "information", "logistics"], plan.Groups.Select(g => g.Code));
        Assert.Equal(["综合协调", "现场处置", "信息发布", "后勤保障"], plan.Groups.Select(g => g.NameZh));
        Assert.All(plan.Groups, g => Assert.Null(g.LeadUnitId));
        Assert.Empty(plan.Measures);
        Assert.Equal(1, plan.Revision);
        Assert.Equal(Now, plan.UpdatedAt);
        Assert.Equal(Author, plan.UpdatedBy);
        Assert.Equal("natural.flood", plan.EventTypeCode);
    }

    [Fact]
    public void Create_ValidPlan_TrimmedAndMeasuresNameTheirGroupAsSpelt()
    {
        var lead = Guid.NewGuid();
        var plan = Create([new PlanGroup(" Rescue ", " 抢险救援组 ", " ", lead, [lead, lead])],
            [new PlanMeasure(3, " 启动24小时值班 ", "rescue", 30)], "  防汛应急预案  ");

        Assert.Equal("防汛应急预案", plan.Name);
        var group = Assert.Single(plan.Groups);
        Assert.Equal(new PlanGroup("Rescue", "抢险救援组", null, lead, group.MemberUnitIds), group);
        Assert.Equal([lead], group.MemberUnitIds);
        Assert.Equal(new PlanMeasure(3, "启动24小时值班", "Rescue", 30), Assert.Single(plan.Measures));
    }

    [Fact]
    public void Create_EmptyGroupList_ValidationError()
    {
        var e = Assert.Throws<RequestValidationException>(() => Create([], null));
        Assert.True(e.Errors.ContainsKey("groups"));
    }

    [Fact]
    public void Create_DuplicateGroupCodesInAnyCase_ValidationErrorOnTheSecond()
    {
        var e = Assert.Throws<RequestValidationException>(() => Create([Group("rescue"), Group("medical"), Group("RESCUE")], null));
        Assert.True(e.Errors.ContainsKey("groups[2].code"));
        Assert.False(e.Errors.ContainsKey("groups[0].code"));
    }

    [Fact]
    public void Create_GroupCodeOrNameMissingOrTooLong_ValidationErrors()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            Create([new PlanGroup(" ", "", null, null, []), new PlanGroup(new string('c', 41), new string('名', 101), new string('n', 101), null, [])], null));
        foreach (var field in new[] { "groups[0].code", "groups[0].nameZh", "groups[1].code", "groups[1].nameZh", "groups[1].nameEn" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Create_MeasurePointingAtUnknownGroup_ValidationError()
    {
        var e = Assert.Throws<RequestValidationException>(() => Create([Group("rescue")], [new PlanMeasure(2, "转移群众", "evacuation", 60)]));
        Assert.True(e.Errors.ContainsKey("measures[0].groupCode"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Create_MeasureLevelOutsideOneToFour_ValidationError(int level)
    {
        var e = Assert.Throws<RequestValidationException>(() => Create(null, [new PlanMeasure(level, "转移群众", "onsite", 60)]));
        Assert.True(e.Errors.ContainsKey("measures[0].level"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10080, true)]
    [InlineData(10081, false)]
    public void Create_TargetMinutes_OneToAWeek(int minutes, bool valid)
    {
        var measures = new[] { new PlanMeasure(4, "巡查", "onsite", minutes) };
        if (valid)
        {
            Assert.Equal(minutes, Assert.Single(Create(null, measures).Measures).TargetMinutes);
        }
        else
        {
            var e = Assert.Throws<RequestValidationException>(() => Create(null, measures));
            Assert.True(e.Errors.ContainsKey("measures[0].targetMinutes"));
        }
    }

    [Fact]
    public void Create_MeasureTitleMissingOrTooLong_ValidationErrors()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            Create(null, [new PlanMeasure(1, " ", "onsite", 60), new PlanMeasure(1, new string('t', 301), "onsite", 60)]));
        Assert.True(e.Errors.ContainsKey("measures[0].title"));
        Assert.True(e.Errors.ContainsKey("measures[1].title"));
    }

    [Fact]
    public void Create_MoreThan200Measures_ValidationError()
    {
        var measures = Enumerable.Range(0, ResponsePlan.MaxMeasures + 1).Select(i => new PlanMeasure(4, $"措施{i}", "onsite", 60)).ToList();
        var e = Assert.Throws<RequestValidationException>(() => Create(null, measures));
        Assert.True(e.Errors.ContainsKey("measures"));

        Assert.Equal(ResponsePlan.MaxMeasures, Create(null, measures.Take(ResponsePlan.MaxMeasures).ToList()).Measures.Count);
    }

    [Fact]
    public void Create_ManyProblems_AllReportedTogether()
    {
        var e = Assert.Throws<RequestValidationException>(() => ResponsePlan.Create(Office, "/a/", " ", new string('p', 201),
            [Group("rescue"), Group("Rescue")],
            [new PlanMeasure(5, "转移群众", "rescue", 60), new PlanMeasure(1, "", "evacuation", 0)], Author, Now));
        foreach (var field in new[] { "eventTypeCode", "name", "groups[1].code", "measures[0].level", "measures[1].title", "measures[1].groupCode",
            "measures[1].targetMinutes" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
        Assert.False(e.Errors.ContainsKey("measures[0].groupCode"));
    }

    [Fact]
    public void MeasuresFor_ALevel_ItsOwnAndThoseOfTheLowerLevels()
    {
        PlanMeasure[] measures =
        [
            new(4, "加强巡查", "onsite", 120),
            new(3, "启动24小时值班", "coordination", 30),
            new(2, "转移危险区群众", "onsite", 60),
            new(1, "请求上级支援", "coordination", 15),
        ];
        var plan = Create(null, measures);

        Assert.Equal(["加强巡查"], plan.MeasuresFor(4).Select(m => m.Title));
        Assert.Equal(["加强巡查", "启动24小时值班", "转移危险区群众"], plan.MeasuresFor(2).Select(m => m.Title));
        Assert.Equal(4, plan.MeasuresFor(1).Count);
    }

    [Fact]
    public void Revise_CurrentRevision_ReplacesAndIncrements()
    {
        var plan = Create(null, null);
        var reviser = Guid.NewGuid();
        plan.Revise("防汛应急预案（2026修订）", [Group("rescue", "抢险救援组")], [new PlanMeasure(2, "转移群众", "rescue", 60)], reviser,
            Now.AddDays(1), expectedRevision: 1);

        Assert.Equal(2, plan.Revision);
        Assert.Equal("防汛应急预案（2026修订）", plan.Name);
        Assert.Equal("rescue", Assert.Single(plan.Groups).Code);
        Assert.Single(plan.Measures);
        Assert.Equal(reviser, plan.UpdatedBy);
        Assert.Equal(Now.AddDays(1), plan.UpdatedAt);
    }

    [Fact]
    public void Revise_StaleRevision_Conflict()
    {
        var plan = Create(null, null);
        plan.Revise("第二版", ResponsePlan.DefaultGroups(), [], Author, Now.AddDays(1), 1);

        var e = Assert.Throws<ConflictException>(() => plan.Revise("第三版", ResponsePlan.DefaultGroups(), [], Author, Now.AddDays(2), 1));
        Assert.Equal("revision", e.Field);
        Assert.Equal("第二版", plan.Name);
    }

    [Fact]
    public void Revise_InvalidContent_NothingChanges()
    {
        var plan = Create(null, null);
        Assert.Throws<RequestValidationException>(() => plan.Revise(" ", [], [], Author, Now.AddDays(1), 1));
        Assert.Equal(1, plan.Revision);
        Assert.Equal("防汛应急预案", plan.Name);
        Assert.Equal(4, plan.Groups.Count);
    }
}
