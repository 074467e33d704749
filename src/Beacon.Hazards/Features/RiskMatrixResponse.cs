using Beacon.Hazards.Domain;

namespace Beacon.Hazards.Features;

public sealed record RiskMatrixResponse(int Size, IReadOnlyList<string> LikelihoodLabels, IReadOnlyList<string> ImpactLabels, IReadOnlyList<RiskBand> Bands,
    int Revision, DateTimeOffset? UpdatedAt)
{
    public static RiskMatrixResponse From(RiskMatrix m) => new(m.Size, m.LikelihoodLabels, m.ImpactLabels, m.Bands, m.Revision, m.UpdatedAt);
}
