using Beacon.Platform.Common;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Data;

// One subclass per engine so each keeps its own migrations (in Beacon.Migrations: Sqlite/, Postgres/).
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
