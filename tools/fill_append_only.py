"""Fills the hand-written AuditAppendOnly migrations (triggers) after `dotnet ef migrations add AuditAppendOnly`.
Run from src/Beacon.Migrations. Kept so the migrations can be regenerated while nothing has shipped."""
import glob, re

def fill(path, up, down):
    s = open(path).read()
    s = re.sub(r'(protected override void Up\(MigrationBuilder migrationBuilder\)\s*\{)\s*\}', lambda m: m.group(1) + '\n' + up + '        }', s, count=1)
    s = re.sub(r'(protected override void Down\(MigrationBuilder migrationBuilder\)\s*\{)\s*\}', lambda m: m.group(1) + '\n' + down + '        }', s, count=1)
    open(path, 'w').write(s)

PG_UP = '''            // The trail is append-only at the engine too: no UPDATE, DELETE or TRUNCATE, whoever connects.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP;
                END $$;
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
'''
PG_DOWN = '''            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only() CASCADE;");
'''
LITE_UP = '''            // The trail is append-only at the engine too.
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;");
'''
LITE_DOWN = '''            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
'''
fill(glob.glob('Postgres/*_AuditAppendOnly.cs')[0], PG_UP, PG_DOWN)
fill(glob.glob('Sqlite/*_AuditAppendOnly.cs')[0], LITE_UP, LITE_DOWN)
