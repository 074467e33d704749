using Beacon.Platform.Common;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Platform.Data;

public static class PlatformDatabase
{
    /// <summary>Applies pending migrations and makes sure the roles and the default security policy exist.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system");
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        await db.Database.MigrateAsync(ct);

        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new BeaconRole(role));
        }
        if (!await db.SecurityPolicies.AnyAsync(ct))
        {
            db.SecurityPolicies.Add(SecurityPolicy.Default());
        }
        await db.SaveChangesAsync(ct);
        foreach (var module in scope.ServiceProvider.GetServices<IModuleInitializer>())
        {
            await module.InitializeAsync(db, ct);
        }
    }
}
