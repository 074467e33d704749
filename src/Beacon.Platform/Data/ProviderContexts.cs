using Beacon.Platform.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Beacon.Platform.Data;

// One subclass per engine so each keeps its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres).
public sealed class SqliteBeaconDbContext(DbContextOptions<SqliteBeaconDbContext> options, CurrentActor actor, TimeProvider time)
    : BeaconDbContext(options, actor, time)
{
    public override bool IsPostgres => false;
}

public sealed class PostgresBeaconDbContext(DbContextOptions<PostgresBeaconDbContext> options, CurrentActor actor, TimeProvider time)
    : BeaconDbContext(options, actor, time)
{
    public override bool IsPostgres => true;
}

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteBeaconDbContext>
{
    public SqliteBeaconDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBeaconDbContext>().UseSqlite("Data Source=design.db").Options, new CurrentActor(), TimeProvider.System);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresBeaconDbContext>
{
    public PostgresBeaconDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBeaconDbContext>().UseNpgsql("Host=localhost;Database=beacon_design").Options, new CurrentActor(), TimeProvider.System);
}
