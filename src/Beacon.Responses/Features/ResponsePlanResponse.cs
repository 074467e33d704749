using Beacon.Responses.Domain;

namespace Beacon.Responses.Features;

public sealed record ResponsePlanResponse(Guid Id, Guid UnitId, string EventTypeCode, string Name, IReadOnlyList<PlanGroup> Groups,
    IReadOnlyList<PlanMeasure> Measures, int Revision, DateTimeOffset UpdatedAt)
{
    public static ResponsePlanResponse From(ResponsePlan p) => new(p.Id, p.UnitId, p.EventTypeCode, p.Name, p.Groups, p.Measures, p.Revision, p.UpdatedAt);
}
