namespace Beacon.Platform.Common;

/// <summary>
/// A record that belongs to a unit: the platform's query filter hides it from anyone outside that
/// unit's ancestors' subtrees. Modules' entities implement it and are scoped without further code.
/// </summary>
public interface IUnitScoped
{
    /// <summary>Materialised path of the owning unit ("/id/id/").</summary>
    string UnitPath { get; }
}
