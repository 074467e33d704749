using Beacon.Hazards.Domain;
using Beacon.Platform.Common;

namespace Beacon.Hazards.Tests;

public sealed class RiskMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly string[] ThreeLabels = ["低", "中", "高"];

    // 3×3: high (3,3); medium (2,3), (3,2); low the rest.
    private static List<RiskBand> ThreeByThree() =>
    [
        new("high", "高风险", "High", "#c0392b", [8]),
        new("medium", "中风险", null, "#F39C12", [5, 7]),
        new("low", "低风险", "Low", "#2e86c1", [0, 1, 2, 3, 4, 6]),
    ];

    [Theory]
    [InlineData(5, 5, "high")]
    [InlineData(3, 5, "high")]
    [InlineData(5, 3, "high")]
    [InlineData(4, 4, "high")]
    [InlineData(3, 3, "medium")]
    [InlineData(2, 3, "medium")]
    [InlineData(2, 5, "medium")]
    [InlineData(2, 2, "low")]
    [InlineData(1, 5, "low")]
    [InlineData(1, 1, "low")]
    public void Default_BandsByScore_HighFrom15MediumFrom6LowUpTo5(int likelihood, int impact, string band)
    {
        Assert.Equal(band, RiskMatrix.Default().BandOf(likelihood, impact).Code);
    }

    [Fact]
    public void Default_FiveByFiveWithChineseLabels_EveryCellInOneBand()
    {
        var m = RiskMatrix.Default();

        Assert.Equal(5, m.Size);
        Assert.Equal(["极不可能", "不太可能", "可能", "很可能", "几乎肯定"], m.LikelihoodLabels);
        Assert.Equal(["轻微", "较小", "中等", "较大", "重大"], m.ImpactLabels);
        Assert.Equal(["high", "medium", "low"], m.Bands.Select(b => b.Code));
        Assert.Equal(["高风险", "中风险", "低风险"], m.Bands.Select(b => b.NameZh));
        Assert.Equal([6, 9, 10], m.Bands.Select(b => b.Cells.Count));
        Assert.True(RiskMatrix.CheckCells(5, m.Bands).Complete);
        Assert.Equal(1, m.Revision);
        Assert.Null(m.UpdatedBy);
    }

    [Theory]
    [InlineData(6, 1, "likelihood")]
    [InlineData(0, 1, "likelihood")]
    [InlineData(1, 6, "impact")]
    [InlineData(1, -1, "impact")]
    public void BandOf_OutsideTheScale_ValidationErrorOnThatField(int likelihood, int impact, string field)
    {
        var e = Assert.Throws<RequestValidationException>(() => RiskMatrix.Default().BandOf(likelihood, impact));
        Assert.True(e.Errors.ContainsKey(field));
        Assert.Single(e.Errors);
    }

    [Fact]
    public void CellIndex_LikelihoodRowsImpactColumns()
    {
        var m = RiskMatrix.Default();
        Assert.Equal(0, m.CellIndex(1, 1));
        Assert.Equal(4, m.CellIndex(1, 5));
        Assert.Equal(5, m.CellIndex(2, 1));
        Assert.Equal(24, m.CellIndex(5, 5));
    }

    [Fact]
    public void Revise_ValidThreeByThree_AppliedTrimmedAndRevisionMoves()
    {
        var m = RiskMatrix.Default();
        var bands = ThreeByThree();
        bands[2] = bands[2] with { Code = " low ", Cells = [6, 4, 3, 2, 1, 0, 0] };

        m.Revise(3, [" 低 ", "中", "高"], ThreeLabels, bands, Admin, Now, 1);

        Assert.Equal(3, m.Size);
        Assert.Equal(ThreeLabels, m.LikelihoodLabels);
        Assert.Equal("low", m.Bands[2].Code);
        Assert.Equal([0, 1, 2, 3, 4, 6], m.Bands[2].Cells);
        Assert.Null(m.Bands[1].NameEn);
        Assert.Equal(2, m.Revision);
        Assert.Equal(Admin, m.UpdatedBy);
        Assert.Equal(Now, m.UpdatedAt);
        Assert.Equal("high", m.BandOf(3, 3).Code);
        Assert.Equal("medium", m.BandOf(3, 2).Code);
        Assert.Equal("low", m.BandOf(1, 3).Code);
        Assert.Throws<RequestValidationException>(() => m.BandOf(4, 1));
    }

    [Fact]
    public void Revise_CellLeftOut_RefusedNamingTheCell()
    {
        var m = RiskMatrix.Default();
        var bands = m.Bands.ToList();
        bands[0] = bands[0] with { Cells = bands[0].Cells.Where(c => c != 24).ToList() };

        var e = Assert.Throws<RequestValidationException>(() => m.Revise(5, m.LikelihoodLabels, m.ImpactLabels, bands, Admin, Now, 1));

        Assert.True(e.Errors.ContainsKey("cells"));
        var check = RiskMatrix.CheckCells(5, bands);
        Assert.Equal((5, 5), Assert.Single(check.Missing));
        Assert.Empty(check.Duplicated);
        Assert.Equal(1, m.Revision);
        Assert.Equal("high", m.BandOf(5, 5).Code);
    }

    [Fact]
    public void Revise_CellInTwoBands_RefusedNamingTheCell()
    {
        var m = RiskMatrix.Default();
        var bands = m.Bands.ToList();
        bands[0] = bands[0] with { Cells = [.. bands[0].Cells, 0] };

        var e = Assert.Throws<RequestValidationException>(() => m.Revise(5, m.LikelihoodLabels, m.ImpactLabels, bands, Admin, Now, 1));

        Assert.True(e.Errors.ContainsKey("cells"));
        var check = RiskMatrix.CheckCells(5, bands);
        Assert.Equal((1, 1), Assert.Single(check.Duplicated));
        Assert.Empty(check.Missing);
    }

    [Fact]
    public void Revise_CellOutsideTheMatrix_ValidationErrorOnTheBand()
    {
        var bands = ThreeByThree();
        bands[0] = bands[0] with { Cells = [8, 9] };
        var e = Assert.Throws<RequestValidationException>(() => RiskMatrix.Default().Revise(3, ThreeLabels, ThreeLabels, bands, Admin, Now, 1));
        Assert.True(e.Errors.ContainsKey("bands[0].cells"));
    }

    [Fact]
    public void Revise_LabelCountNotTheSize_ValidationError()
    {
        var m = RiskMatrix.Default();
        var e = Assert.Throws<RequestValidationException>(() =>
            m.Revise(5, ["1", "2", "3", "4"], m.ImpactLabels, m.Bands, Admin, Now, 1));
        Assert.True(e.Errors.ContainsKey("likelihoodLabels"));
        Assert.False(e.Errors.ContainsKey("impactLabels"));
    }

    [Fact]
    public void Revise_EmptyOrLongLabel_ValidationErrorOnThatLabel()
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            RiskMatrix.Default().Revise(3, ["低", " ", "高"], ["低", "中", new string('高', 41)], ThreeByThree(), Admin, Now, 1));
        Assert.True(e.Errors.ContainsKey("likelihoodLabels[1]"));
        Assert.True(e.Errors.ContainsKey("impactLabels[2]"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void Revise_SizeOutsideThreeToSeven_ValidationError(int size)
    {
        var e = Assert.Throws<RequestValidationException>(() =>
            RiskMatrix.Default().Revise(size, ThreeLabels, ThreeLabels, ThreeByThree(), Admin, Now, 1));
        Assert.True(e.Errors.ContainsKey("size"));
    }

    [Fact]
    public void Revise_BandsWrong_EachReportedTogether()
    {
        var bands = ThreeByThree();
        bands[0] = bands[0] with { Colour = "red", NameZh = " " };
        bands[1] = bands[1] with { Code = "HIGH", NameEn = new string('x', 21) };
        bands[2] = bands[2] with { Code = new string('l', 21) };

        var e = Assert.Throws<RequestValidationException>(() => RiskMatrix.Default().Revise(3, ThreeLabels, ThreeLabels, bands, Admin, Now, 1));

        foreach (var field in new[] { "bands[0].colour", "bands[0].nameZh", "bands[1].code", "bands[1].nameEn", "bands[2].code" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void Revise_OneBandOrSix_ValidationError()
    {
        var m = RiskMatrix.Default();
        var all = new RiskBand("all", "全部", null, "#000000", Enumerable.Range(0, 9).ToList());
        var one = Assert.Throws<RequestValidationException>(() => m.Revise(3, ThreeLabels, ThreeLabels, [all], Admin, Now, 1));
        Assert.True(one.Errors.ContainsKey("bands"));

        var six = Enumerable.Range(0, 6)
            .Select(i => new RiskBand($"b{i}", $"等级{i}", null, "#000000", i == 0 ? new List<int> { 0, 1, 2, 3 } : new List<int> { i + 3 }))
            .ToList();
        var many = Assert.Throws<RequestValidationException>(() => m.Revise(3, ThreeLabels, ThreeLabels, six, Admin, Now, 1));
        Assert.True(many.Errors.ContainsKey("bands"));
    }

    [Fact]
    public void Revise_StaleRevision_Conflict()
    {
        var m = RiskMatrix.Default();
        m.Revise(3, ThreeLabels, ThreeLabels, ThreeByThree(), Admin, Now, 1);

        var e = Assert.Throws<ConflictException>(() => m.Revise(5, RiskMatrix.Default().LikelihoodLabels, RiskMatrix.Default().ImpactLabels,
            RiskMatrix.Default().Bands, Admin, Now.AddMinutes(1), 1));

        Assert.Equal("revision", e.Field);
        Assert.Equal(3, m.Size);
        Assert.Equal(2, m.Revision);
    }
}
