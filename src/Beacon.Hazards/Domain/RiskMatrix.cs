using Beacon.Platform.Common;

namespace Beacon.Hazards.Domain;

/// <summary>
/// A band of the risk matrix ("high", "medium", "low" or the organisation's own) and the cells it covers,
/// each numbered (likelihood - 1) × size + (impact - 1).
/// </summary>
public sealed record RiskBand(string Code, string NameZh, string? NameEn, string Colour, IReadOnlyList<int> Cells);

/// <summary>Cells no band covers and cells more than one band claims, as (likelihood, impact) counted from 1.</summary>
public sealed record CellCheck(IReadOnlyList<(int Likelihood, int Impact)> Missing, IReadOnlyList<(int Likelihood, int Impact)> Duplicated)
{
    public bool Complete => Missing.Count == 0 && Duplicated.Count == 0;
}

/// <summary>
/// The organisation's risk matrix (风险矩阵): likelihood × impact on a scale of Size levels each, every cell in
/// exactly one band. The security administrator revises labels and bands; a hazard keeps the band it was given
/// until it is reassessed.
/// </summary>
public sealed class RiskMatrix
{
    public const int MinSize = 3;
    public const int MaxSize = 7;
    public const int MinBands = 2;
    public const int MaxBands = 5;
    public const int MaxLabel = 40;
    public const int MaxBandCode = 20;
    public const int MaxBandName = 20;

    // Not readonly: the store sets them when it loads the matrix.
    private List<string> _likelihoodLabels = [];
    private List<string> _impactLabels = [];
    private List<RiskBand> _bands = [];

    private RiskMatrix()
    {
    }

    public Guid Id { get; private set; }
    public int Size { get; private set; }
    /// <summary>The names of likelihood 1 to Size, in order.</summary>
    public IReadOnlyList<string> LikelihoodLabels => _likelihoodLabels;
    /// <summary>The names of impact 1 to Size, in order.</summary>
    public IReadOnlyList<string> ImpactLabels => _impactLabels;
    public IReadOnlyList<RiskBand> Bands => _bands;
    public int Revision { get; private set; }
    /// <summary>Null while the matrix is the default nobody has revised.</summary>
    public Guid? UpdatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>5×5, banded by score = likelihood × impact: high from 15, medium 6 to 14, low up to 5.</summary>
    public static RiskMatrix Default()
    {
        const int size = 5;
        var high = new List<int>();
        var medium = new List<int>();
        var low = new List<int>();
        for (var likelihood = 1; likelihood <= size; likelihood++)
        {
            for (var impact = 1; impact <= size; impact++)
            {
                var score = likelihood * impact;
                var band = score >= 15 ? high : score >= 6 ? medium : low;
                band.Add(Index(size, likelihood, impact));
            }
        }
        return new RiskMatrix
        {
            Id = Guid.NewGuid(),
            Size = size,
            _likelihoodLabels = ["极不可能", "不太可能", "可能", "很可能", "几乎肯定"],
            _impactLabels = ["轻微", "较小", "中等", "较大", "重大"],
            _bands =
            [
                new RiskBand("high", "高风险", "High", "#c0392b", high),
                new RiskBand("medium", "中风险", "Medium", "#f39c12", medium),
                new RiskBand("low", "低风险", "Low", "#2e86c1", low),
            ],
            Revision = 1,
        };
    }

    /// <summary>
    /// Replaces size, labels and bands against the revision the administrator saw. Every cell must fall in exactly
    /// one band; the cells left out or claimed twice are named.
    /// </summary>
    public void Revise(int size, IReadOnlyList<string>? likelihoodLabels, IReadOnlyList<string>? impactLabels, IReadOnlyList<RiskBand>? bands,
        Guid by, DateTimeOffset now, int expectedRevision)
    {
        if (expectedRevision != Revision)
        {
            throw new ConflictException(Text.Get("Hazard.MatrixStale"), "revision");
        }
        likelihoodLabels ??= [];
        impactLabels ??= [];
        bands ??= [];
        // Label counts and cells are measured against the size, so they are checked only when the size is sound.
        var sized = size is >= MinSize and <= MaxSize;
        var v = new Validator()
            .Check(sized, "size", Text.Get("Hazard.MatrixSize", MinSize, MaxSize))
            .Check(bands.Count is >= MinBands and <= MaxBands, "bands", Text.Get("Hazard.BandCount", MinBands, MaxBands));
        CheckLabels(v, "likelihoodLabels", likelihoodLabels, size, sized, "Hazard.LikelihoodLabel");
        CheckLabels(v, "impactLabels", impactLabels, size, sized, "Hazard.ImpactLabel");
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band is null)
            {
                v.Add($"bands[{i}]", Text.Get("Hazard.BandEmpty"));
                continue;
            }
            var code = band.Code?.Trim();
            v.Require($"bands[{i}].code", code, "Label.Code")
                .MaxLength($"bands[{i}].code", code, MaxBandCode, "Label.Code")
                .Require($"bands[{i}].nameZh", band.NameZh, "Label.NameZh")
                .MaxLength($"bands[{i}].nameZh", band.NameZh?.Trim(), MaxBandName, "Label.NameZh")
                .MaxLength($"bands[{i}].nameEn", band.NameEn?.Trim(), MaxBandName, "Label.NameEn")
                .Check(IsColour(band.Colour?.Trim()), $"bands[{i}].colour", Text.Get("Hazard.Colour"));
            if (!string.IsNullOrEmpty(code) && !codes.Add(code))
            {
                v.Add($"bands[{i}].code", Text.Get("Hazard.DuplicateBand", code));
            }
            var cells = band.Cells ?? [];
            v.Check(cells.Count > 0, $"bands[{i}].cells", Text.Get("Hazard.BandNoCells"));
            if (sized && cells.Where(c => c < 0 || c >= size * size).ToList() is { Count: > 0 } outside)
            {
                v.Add($"bands[{i}].cells", Text.Get("Hazard.CellOutside", string.Join(", ", outside), size * size - 1));
            }
        }
        if (sized)
        {
            var check = CheckCells(size, bands);
            if (check.Missing.Count > 0)
            {
                v.Add("cells", Text.Get("Hazard.CellsMissing", Describe(check.Missing)));
            }
            if (check.Duplicated.Count > 0)
            {
                v.Add("cells", Text.Get("Hazard.CellsDuplicated", Describe(check.Duplicated)));
            }
        }
        v.ThrowIfInvalid();

        Size = size;
        _likelihoodLabels = likelihoodLabels.Select(l => l.Trim()).ToList();
        _impactLabels = impactLabels.Select(l => l.Trim()).ToList();
        _bands = bands.Select(b => new RiskBand(b.Code.Trim(), b.NameZh.Trim(), string.IsNullOrWhiteSpace(b.NameEn) ? null : b.NameEn.Trim(),
            b.Colour.Trim(), b.Cells.Distinct().Order().ToList())).ToList();
        UpdatedBy = by;
        UpdatedAt = now.ToUniversalTime();
        Revision++;
    }

    /// <summary>Which cells of a size × size matrix the bands leave out or claim more than once.</summary>
    public static CellCheck CheckCells(int size, IEnumerable<RiskBand> bands)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        var counts = new int[size * size];
        foreach (var band in bands)
        {
            if (band is null)
            {
                continue;
            }
            // A cell listed twice in one band is not a clash between bands.
            foreach (var cell in (band.Cells ?? []).Distinct())
            {
                if (cell >= 0 && cell < counts.Length)
                {
                    counts[cell]++;
                }
            }
        }
        var missing = new List<(int Likelihood, int Impact)>();
        var duplicated = new List<(int Likelihood, int Impact)>();
        for (var cell = 0; cell < counts.Length; cell++)
        {
            var at = (cell / size + 1, cell % size + 1);
            if (counts[cell] == 0)
            {
                missing.Add(at);
            }
            else if (counts[cell] > 1)
            {
                duplicated.Add(at);
            }
        }
        return new CellCheck(missing, duplicated);
    }

    /// <summary>The band of a cell; likelihood and impact run from 1 to Size.</summary>
    public RiskBand BandOf(int likelihood, int impact)
    {
        var v = new Validator();
        CheckScale(v, likelihood, impact);
        v.ThrowIfInvalid();
        var cell = CellIndex(likelihood, impact);
        return _bands.First(b => b.Cells.Contains(cell));
    }

    public int CellIndex(int likelihood, int impact) => Index(Size, likelihood, impact);

    internal void CheckScale(Validator v, int likelihood, int impact)
    {
        v.Check(likelihood >= 1 && likelihood <= Size, "likelihood", Text.Get("Hazard.Likelihood", Size))
            .Check(impact >= 1 && impact <= Size, "impact", Text.Get("Hazard.Impact", Size));
    }

    private static int Index(int size, int likelihood, int impact) => (likelihood - 1) * size + (impact - 1);

    private static void CheckLabels(Validator v, string field, IReadOnlyList<string> labels, int size, bool sized, string label)
    {
        if (sized && labels.Count != size)
        {
            v.Add(field, Text.Get("Hazard.LabelCount", size));
        }
        for (var i = 0; i < labels.Count; i++)
        {
            v.Require($"{field}[{i}]", labels[i], label)
                .MaxLength($"{field}[{i}]", labels[i]?.Trim(), MaxLabel, label);
        }
    }

    private static bool IsColour(string? colour) => colour is { Length: 7 } && colour[0] == '#' && colour.Skip(1).All(char.IsAsciiHexDigit);

    private static string Describe(IEnumerable<(int Likelihood, int Impact)> cells) =>
        string.Join(", ", cells.Select(c => $"({c.Likelihood},{c.Impact})"));
}
