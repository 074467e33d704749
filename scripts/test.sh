#!/usr/bin/env bash
# Runs the whole test suite: domain, API integration (SQLite and PostgreSQL) and browser tests.
# Starts a throwaway PostgreSQL and Redis on 127.0.0.1 unless BEACON_TEST_PG / BEACON_TEST_REDIS already name them.
# Needs: .NET 10 SDK, postgresql, redis-server and chromium (apt); .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_DIR=""
REDIS_DIR=""
cleanup() {
  if [ -n "$REDIS_DIR" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid" 2>/dev/null)" >/dev/null 2>&1 || true
    rm -rf "$REDIS_DIR"
  fi
  if [ -n "$PG_DIR" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT

if [ -z "${BEACON_TEST_PG:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ]; then
    echo "PostgreSQL server binaries not found: apt-get install postgresql (or set BEACON_TEST_PG)" >&2
    exit 1
  fi
  PG_PORT=${BEACON_TEST_PG_PORT:-55432}
  PG_DIR=$(mktemp -d /tmp/beacon-pg.XXXXXX)
  chown postgres "$PG_DIR"
  # initdb refuses to run as root; the cluster belongs to the postgres user and dies with this run.
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  export BEACON_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
fi

if [ -z "${BEACON_TEST_REDIS:-}" ]; then
  if ! command -v redis-server >/dev/null; then
    echo "redis-server not found: apt-get install redis-server (or set BEACON_TEST_REDIS)" >&2
    exit 1
  fi
  REDIS_PORT=${BEACON_TEST_REDIS_PORT:-56379}
  REDIS_DIR=$(mktemp -d /tmp/beacon-redis.XXXXXX)
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --dir "$REDIS_DIR" --logfile "$REDIS_DIR/log" >/dev/null
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export BEACON_TEST_REDIS="127.0.0.1:$REDIS_PORT"
fi

rm -rf TestResults
# Warnings are errors through Directory.Build.props; the build log is shown only when it fails.
if ! dotnet build Beacon.sln -c Release > /tmp/beacon-build.log 2>&1; then
  grep -E "error|Error" /tmp/beacon-build.log | sort -u | head -n 50
  exit 1
fi
set +e
dotnet test Beacon.sln -c Release --no-build -m:1 --logger "trx;LogFilePrefix=beacon" --results-directory TestResults "$@"
status=$?
set -e
python3 scripts/summary.py TestResults
exit $status
