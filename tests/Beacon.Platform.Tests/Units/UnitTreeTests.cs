using Beacon.Platform.Common;
using Beacon.Platform.Units.Domain;

namespace Beacon.Platform.Tests.Units;

public class UnitTreeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Unit New(string code, UnitKind kind, Unit? parent) => Unit.Create(Guid.NewGuid(), code, code, null, kind, parent, Now);

    [Fact]
    public void Create_builds_materialised_path_and_depth()
    {
        var province = New("P", UnitKind.Province, null);
        var city = New("C", UnitKind.City, province);
        var county = New("X", UnitKind.County, city);

        Assert.Equal($"/{province.Id:N}/{city.Id:N}/{county.Id:N}/", county.Path);
        Assert.Equal(2, county.Depth);
        Assert.True(province.Contains(county));
        Assert.False(county.Contains(city));
    }

    [Theory]
    [InlineData(UnitKind.County, UnitKind.Province)]
    [InlineData(UnitKind.Township, UnitKind.City)]
    [InlineData(UnitKind.City, UnitKind.Department)]
    [InlineData(UnitKind.Province, UnitKind.City)]
    public void Administrative_levels_go_one_step_at_a_time(UnitKind child, UnitKind parent)
    {
        var ex = Assert.Throws<DomainException>(() => UnitRules.EnsureCanHang(child, parent));
        Assert.Equal("parentId", ex.Field);
    }

    [Theory]
    [InlineData(UnitKind.Department, UnitKind.Province)]
    [InlineData(UnitKind.Department, UnitKind.Village)]
    [InlineData(UnitKind.Enterprise, UnitKind.County)]
    [InlineData(UnitKind.Department, UnitKind.Department)]
    [InlineData(UnitKind.Village, UnitKind.Township)]
    public void Departments_and_enterprises_attach_anywhere(UnitKind child, UnitKind parent) =>
        Assert.Null(UnitRules.WhyCannotHang(child, parent));

    [Fact]
    public void A_department_needs_a_parent() =>
        Assert.NotNull(UnitRules.WhyCannotHang(UnitKind.Department, null));

    [Fact]
    public void Moving_under_own_descendant_is_refused_and_changes_nothing()
    {
        var city = New("C", UnitKind.City, null);
        var dept = New("D", UnitKind.Department, city);
        var sub = New("D1", UnitKind.Department, dept);
        var before = dept.Path;

        var ex = Assert.Throws<DomainException>(() => dept.MoveTo(sub, [sub]));

        Assert.Contains("under itself", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, dept.Path);
        Assert.Equal(city.Id, dept.ParentId);
    }

    [Fact]
    public void Moving_under_itself_is_refused()
    {
        var city = New("C", UnitKind.City, null);
        var dept = New("D", UnitKind.Department, city);
        Assert.Throws<DomainException>(() => dept.MoveTo(dept, []));
    }

    [Fact]
    public void Moving_rewrites_the_paths_of_the_whole_subtree()
    {
        var province = New("P", UnitKind.Province, null);
        var cityA = New("A", UnitKind.City, province);
        var cityB = New("B", UnitKind.City, province);
        var dept = New("D", UnitKind.Department, cityA);
        var sub = New("D1", UnitKind.Department, dept);
        var subsub = New("D2", UnitKind.Department, sub);

        dept.MoveTo(cityB, [sub, subsub]);

        Assert.Equal(cityB.Id, dept.ParentId);
        Assert.StartsWith(cityB.Path, subsub.Path, StringComparison.Ordinal);
        Assert.Equal($"{cityB.Path}{dept.Id:N}/{sub.Id:N}/{subsub.Id:N}/", subsub.Path);
        Assert.Equal(4, subsub.Depth);
        Assert.False(cityA.Contains(sub));
    }

    [Theory]
    [InlineData("DJ-LH-01", true)]
    [InlineData("330100", true)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    [InlineData("东江", false)]
    public void Codes_are_plain_ascii(string code, bool valid) => Assert.Equal(valid, UnitRules.IsValidCode(code));
}
