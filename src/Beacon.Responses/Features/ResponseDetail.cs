using System.Text.Json.Serialization;
using Beacon.Platform.Data;
using Beacon.Platform.Files;
using Beacon.Reports.Domain;
using Beacon.Responses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Responses.Features;

public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

public sealed record TaskResponse(Guid Id, string GroupCode, string Title, Guid? AssigneeUnitId, string? AssigneeUnitName, Guid? AssigneeUserId,
    string? AssigneeName, DateTimeOffset DueAt, string State, bool Overdue, bool FromMeasure, string? LastProgress, DateTimeOffset? LastProgressAt,
    DateTimeOffset? DoneAt, string? CompletionNote, int Revision, IReadOnlyList<AttachmentResponse> Files)
{
    /// <summary><see cref="State"/> as the enum, for pages; not on the wire.</summary>
    [JsonIgnore]
    public TaskState StateValue => Enum.Parse<TaskState>(State, ignoreCase: true);
}

// A response with its command post: what the use cases that change it answer.
public sealed record ResponseDetail(Guid Id, Guid UnitId, string UnitName, string EventTypeCode, string EventTypeName, string Place, string Scope, int Level,
    string State, int Revision, Guid CommanderId, string CommanderName, DateTimeOffset ActivatedAt, Guid? SourceReportId, Guid? SourceWarningId,
    Guid? PlanId, string Filing, IReadOnlyList<CommandGroup> Groups, IReadOnlyList<LevelChange> LevelChanges, IReadOnlyList<TaskResponse> Tasks,
    DateTimeOffset? UpdateDueAt, int MissedUpdates, string? TerminationCondition, DateTimeOffset? TerminationRequestedAt, DateTimeOffset? TerminatedAt,
    DateTimeOffset? ReportDueAt, DateTimeOffset? ReportFiledAt, string? ResourcesUsed, IReadOnlyList<Finding> Findings, DateTimeOffset? ReviewedAt,
    bool IsCommander)
{
    /// <summary><see cref="State"/> as the enum, for pages; not on the wire.</summary>
    [JsonIgnore]
    public ResponseState StateValue => Enum.Parse<ResponseState>(State, ignoreCase: true);

    public static async Task<ResponseDetail> Describe(Response r, BeaconDbContext db, CancellationToken ct)
    {
        var now = db.Time.GetUtcNow();
        var tasks = await db.Set<ResponseTask>().IgnoreQueryFilters().AsNoTracking().Where(t => t.ResponseId == r.Id).ToListAsync(ct);
        var unitIds = tasks.Select(t => t.AssigneeUnitId ?? Guid.Empty).Append(r.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NameZh, ct);
        var names = await UserNames.Of(db, tasks.Select(t => t.AssigneeUserId ?? Guid.Empty).Append(r.CommanderId), ct);
        var type = await db.Set<EventType>().AsNoTracking().Where(t => t.Code == r.EventTypeCode).Select(t => t.NameZh).FirstOrDefaultAsync(ct);
        var missed = await db.Set<MissedUpdate>().IgnoreQueryFilters().CountAsync(m => m.ResponseId == r.Id, ct);
        var files = (await Uploads.Of(db, AttachTaskFile.FileOwner, tasks.Select(t => t.Id).ToList(), ct)).ToLookup(f => f.OwnerId);
        return new ResponseDetail(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, ""), r.EventTypeCode, type ?? r.EventTypeCode, r.Place, r.Scope, r.Level,
            r.State.ToString().ToLowerInvariant(), r.Revision, r.CommanderId, names.GetValueOrDefault(r.CommanderId, ""), r.ActivatedAt, r.SourceReportId,
            r.SourceWarningId, r.PlanId, r.Filing.ToString(), r.Groups, r.LevelChanges,
            tasks.OrderBy(t => t.GroupCode, StringComparer.Ordinal).ThenBy(t => t.DueAt).Select(t => new TaskResponse(t.Id, t.GroupCode, t.Title, t.AssigneeUnitId,
                t.AssigneeUnitId is { } u ? units.GetValueOrDefault(u) : null, t.AssigneeUserId, t.AssigneeUserId is { } p ? names.GetValueOrDefault(p) : null,
                t.DueAt, t.State.ToString().ToLowerInvariant(), t.IsOverdue(now), t.FromMeasure, t.LastProgress, t.LastProgressAt, t.DoneAt, t.CompletionNote,
                t.Revision, files[t.Id].Select(f => new AttachmentResponse(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToList())).ToList(),
            r.UpdateDueAt, missed, r.TerminationCondition, r.TerminationRequestedAt, r.TerminatedAt, r.ReportDueAt, r.ReportFiledAt, r.ResourcesUsed, r.Findings,
            r.ReviewedAt, r.CommanderId == db.Actor.UserId);
    }
}
