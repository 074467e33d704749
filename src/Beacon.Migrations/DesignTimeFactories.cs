using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Beacon.Migrations;

/// <summary>
/// Every module's model, for migrations: add a module here when it joins. Then, from this folder:
/// dotnet ef migrations add Name --context SqliteBeaconDbContext --output-dir Sqlite
/// dotnet ef migrations add Name --context PostgresBeaconDbContext --output-dir Postgres
/// </summary>
public static class BeaconModules
{
    public static void RegisterAll()
    {
        BeaconModel.Register(typeof(Reports.ReportsModule).Assembly);
        BeaconModel.Register(typeof(Warnings.WarningsModule).Assembly);
        BeaconModel.Register(typeof(Responses.ResponsesModule).Assembly);
        BeaconModel.Register(typeof(Supervision.SupervisionModule).Assembly);
        BeaconModel.Register(typeof(Hazards.HazardsModule).Assembly);
    }
}

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteBeaconDbContext>
{
    public SqliteBeaconDbContext CreateDbContext(string[] args)
    {
        BeaconModules.RegisterAll();
        return new(new DbContextOptionsBuilder<SqliteBeaconDbContext>()
            .UseSqlite("Data Source=design.db", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, new CurrentActor(), TimeProvider.System);
    }
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresBeaconDbContext>
{
    public PostgresBeaconDbContext CreateDbContext(string[] args)
    {
        BeaconModules.RegisterAll();
        return new(new DbContextOptionsBuilder<PostgresBeaconDbContext>()
            .UseNpgsql("Host=localhost;Database=beacon_design", b => b.MigrationsAssembly(BeaconModel.MigrationsAssembly)).Options, new CurrentActor(), TimeProvider.System);
    }
}
