using System.Reflection;

namespace Beacon.Platform.Data;

/// <summary>
/// The assemblies whose EF configurations make up the one model: the platform's and each module's.
/// Modules register in their AddX(); the model is built once, after start-up registration.
/// </summary>
public static class BeaconModel
{
    private static readonly Lock Gate = new();
    private static readonly List<Assembly> Registered = [typeof(BeaconModel).Assembly];

    /// <summary>Migrations of every engine live here, beside design-time factories that know every module.</summary>
    public const string MigrationsAssembly = "Beacon.Migrations";

    public static void Register(Assembly assembly)
    {
        lock (Gate)
        {
            if (!Registered.Contains(assembly))
            {
                Registered.Add(assembly);
            }
        }
    }

    public static IReadOnlyList<Assembly> Assemblies
    {
        get
        {
            lock (Gate)
            {
                return [.. Registered];
            }
        }
    }
}
