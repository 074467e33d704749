using System.Text.Json.Serialization;
using Beacon.Platform.Data;
using Beacon.Supervision.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Supervision.Features;

public sealed record MatterResponse(Guid Id, string Code, string Title, string Notice, Guid UnitId, string UnitName, Guid HandlingUnitId,
    string HandlingUnitName, Guid ResponsibleLeaderId, string ResponsibleLeaderName, Guid? HandlerId, DateTimeOffset Deadline,
    DateTimeOffset OriginalDeadline, DateTimeOffset EffectiveDeadline, string State, string Stage, string Due, DateTimeOffset AssignedAt, string? Plan,
    IReadOnlyList<MatterProgress> Progress, IReadOnlyList<MatterExtension> Extensions, IReadOnlyList<SupervisionCard> Cards, DateTimeOffset? ExplanationDueAt,
    string? Explanation, DateTimeOffset? ExplainedAt, bool InAccountability, string? ClosingReport, IReadOnlyList<Guid> ClosingEvidenceFileIds,
    DateTimeOffset? ClosureSubmittedAt, DateTimeOffset? ClosedAt, string? ReturnReason, int Revision)
{
    /// <summary><see cref="State"/> as the enum, for pages; the wire keeps the lowercase name.</summary>
    [JsonIgnore]
    public MatterState StateValue => Enum.Parse<MatterState>(State, ignoreCase: true);

    /// <summary><see cref="Stage"/> as the enum, for pages; the wire keeps the lowercase name.</summary>
    [JsonIgnore]
    public SupervisionStage StageValue => Enum.Parse<SupervisionStage>(Stage, ignoreCase: true);

    internal static async Task<MatterResponse> Describe(Matter m, BeaconDbContext db, CancellationToken ct) => (await DescribeAll([m], db, ct))[0];

    internal static async Task<List<MatterResponse>> DescribeAll(IReadOnlyList<Matter> matters, BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var unitIds = matters.SelectMany(m => new[] { m.UnitId, m.HandlingUnitId }).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var userIds = matters.Select(m => m.ResponsibleLeaderId).Distinct().ToList();
        var users = await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return matters.Select(m => new MatterResponse(m.Id, m.Code, m.Title, m.Notice, m.UnitId, units.GetValueOrDefault(m.UnitId, ""), m.HandlingUnitId,
            units.GetValueOrDefault(m.HandlingUnitId, ""), m.ResponsibleLeaderId, users.GetValueOrDefault(m.ResponsibleLeaderId, ""), m.HandlerId, m.Deadline,
            m.OriginalDeadline, m.EffectiveDeadline, m.State.ToString().ToLowerInvariant(), m.Stage.ToString().ToLowerInvariant(),
            m.Colour(now).ToString().ToLowerInvariant(), m.AssignedAt, m.Plan, m.Progress, m.Extensions, m.Cards, m.ExplanationDueAt, m.Explanation,
            m.ExplainedAt, m.InAccountability, m.ClosingReport, m.ClosingEvidenceFileIds, m.ClosureSubmittedAt, m.ClosedAt, m.ReturnReason, m.Revision))
            .ToList();
    }
}

public sealed record MatterList(MatterCounters Counters, IReadOnlyList<MatterResponse> Items);
