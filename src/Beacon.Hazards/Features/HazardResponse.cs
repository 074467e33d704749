using System.Text.Json.Serialization;
using Beacon.Hazards.Domain;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Hazards.Features;

public sealed record FileResponse(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt)
{
    public static FileResponse From(StoredFile f) => new(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt);
}

public sealed record HazardResponse(Guid Id, string Code, Guid UnitId, string UnitName, string Source, Guid? PlanId, string Domain, string Place,
    string Description, int Likelihood, int Impact, string RiskLevel, string RiskLevelName, DateTimeOffset FoundAt, string State, Guid? ResponsibleUnitId,
    string? ResponsibleUnitName, string? ResponsiblePerson, string? Measures, DateTimeOffset? Deadline, DateTimeOffset? OriginalDeadline, string Due,
    IReadOnlyList<Extension> Extensions, IReadOnlyList<ProgressEntry> Progress, IReadOnlyList<Guid> EvidenceFileIds, string? ClosureNote,
    DateTimeOffset? ClosureSubmittedAt, DateTimeOffset? ClosedAt, string? ReturnReason, int RepeatCount, Guid? SourceResponseId, int Revision,
    IReadOnlyList<FileResponse> Files)
{
    /// <summary>The state as the enum, for the pages; the JSON keeps the lowercase name.</summary>
    [JsonIgnore]
    public HazardState StateValue => Enum.Parse<HazardState>(State, ignoreCase: true);

    /// <summary>The deadline's colour as the enum, for the pages; the JSON keeps the lowercase name.</summary>
    [JsonIgnore]
    public DueColour DueValue => Enum.Parse<DueColour>(Due, ignoreCase: true);

    /// <summary>One hazard with its files.</summary>
    internal static async Task<HazardResponse> Describe(Hazard h, BeaconDbContext db, CancellationToken ct) => (await DescribeAll([h], db, ct, files: true))[0];

    internal static async Task<List<HazardResponse>> DescribeAll(IReadOnlyList<Hazard> hazards, BeaconDbContext db, CancellationToken ct, bool files = false)
    {
        var now = db.Time.GetUtcNow();
        var unitIds = hazards.SelectMany(h => new[] { h.UnitId, h.ResponsibleUnitId ?? Guid.Empty }).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var attached = files ? (await Uploads.Of(db, AttachHazardFile.FileOwner, hazards.Select(h => h.Id).ToList(), ct)).ToLookup(f => f.OwnerId) : null;
        return hazards.Select(h => new HazardResponse(h.Id, h.Code, h.UnitId, units.GetValueOrDefault(h.UnitId, ""), h.Source.ToString().ToLowerInvariant(), h.PlanId,
            h.Domain, h.Place, h.Description, h.Likelihood, h.Impact, h.RiskLevel, h.RiskLevelName, h.FoundAt, h.State.ToString().ToLowerInvariant(),
            h.ResponsibleUnitId, h.ResponsibleUnitId is { } r ? units.GetValueOrDefault(r) : null, h.ResponsiblePerson, h.Measures, h.Deadline,
            h.OriginalDeadline, h.Due(now).ToString().ToLowerInvariant(), h.Extensions, h.Progress, h.EvidenceFileIds, h.ClosureNote, h.ClosureSubmittedAt,
            h.ClosedAt, h.ReturnReason, h.RepeatCount, h.SourceResponseId, h.Revision,
            attached is null ? [] : attached[h.Id].Select(FileResponse.From).ToList())).ToList();
    }
}
