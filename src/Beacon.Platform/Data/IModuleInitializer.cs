namespace Beacon.Platform.Data;

/// <summary>Runs after migrations at start-up, as the platform (all scope): a module's reference data.</summary>
public interface IModuleInitializer
{
    Task InitializeAsync(BeaconDbContext db, CancellationToken ct);
}
