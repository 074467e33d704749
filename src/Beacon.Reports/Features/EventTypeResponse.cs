using Beacon.Reports.Domain;

namespace Beacon.Reports.Features;

// A category or type of the event taxonomy, as every taxonomy use case answers it.
public sealed record EventTypeResponse(string Code, string? ParentCode, string NameZh, string NameEn, bool IsActive = true, int SortOrder = 0)
{
    public static EventTypeResponse From(EventType t) => new(t.Code, t.ParentCode, t.NameZh, t.NameEn, t.IsActive, t.SortOrder);
}
