using Beacon.Platform.Data;
using Beacon.Responses.Domain;

namespace Beacon.Responses.Features;

/// <summary>Who may read responses, in one place (through <see cref="ReadRules"/>).</summary>
public static class ResponseAccess
{
    internal static void Declare() =>
        // Responses of the caller's subtree (the record's own), and those their unit or a unit above it takes part in
        // (a group's lead or member unit, a task's assignee), which were often activated above them: a unit taking
        // part brings its own subtree along (a county's towns work the county's tasks).
        ReadRules.Declare<Response>((db, r) =>
        {
            var taking = db.Set<ResponseParticipant>().Where(p => r.Chain.Contains(p.UnitId)).Select(p => p.ResponseId);
            return x => taking.Contains(x.Id);
        });
}
