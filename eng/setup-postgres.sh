#!/usr/bin/env bash
# Runs Boilerhouse's own PostgreSQL cluster (Debian's postgresql-15) for cluster mode and the
# database tests: data in $ENG_STATE/postgres/data, socket and log beside it, listening on
# 127.0.0.1 only, on port 55432 (or the next free one). Idempotent: a cluster that answers on its
# remembered port is left alone. The server is recorded in $ENG_STATE/postgres.started so
# eng/stop-services.sh stops it by pid.
#
# Writes $ENG_STATE/postgres.env (KEY=VALUE): POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DATABASE, BOILERHOUSE_POSTGRES (an Npgsql connection string).
# Only reachable from this machine; the password is for the connection string's shape, not a secret.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$ENG_STATE/postgres"
ENV_FILE="$ENG_STATE/postgres.env"
START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
DB_USER=boilerhouse
DB_PASSWORD=boilerhouse
DB_NAME=boilerhouse

take_lock setup-postgres

pg_bin() { # the newest installed server's bin folder (postgresql-15 on Debian 12)
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}
[[ -n "$(pg_bin)" && -x "$(pg_bin)/postgres" ]] || apt_install postgresql
BIN="$(pg_bin)"
[[ -x "$BIN/postgres" ]] || die "no PostgreSQL server found under /usr/lib/postgresql after installing postgresql"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { as_postgres "$BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres; }

mkdir -p "$DIR"
chown postgres:postgres "$DIR"
if [[ ! -f "$DIR/data/PG_VERSION" ]]; then
  log "initdb $DIR/data"
  rm -rf "$DIR/data"
  as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { tail -n 20 "$DIR/initdb.log" >&2; die "initdb failed"; }
fi

if [[ -f "$DIR/port" ]] && answers "$(cat "$DIR/port")"; then
  log "postgres already answers on port $(cat "$DIR/port")"
else
  port=55432
  if [[ -f "$DIR/port" ]] && port_free "$(cat "$DIR/port")"; then port="$(cat "$DIR/port")"; fi
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port" >"$DIR/port"
  rm -f "$DIR/data/postmaster.pid" # left by a killed server; the port check above says none runs
  # setpriv execs in place, so the recorded pid is the postmaster's.
  start_bg postgres "$DIR/postgres.pid" "$DIR/server.log" \
    setpriv --reuid=postgres --regid=postgres --init-groups -- \
    "$BIN/postgres" -D "$DIR/data" -p "$port" -k "$DIR" -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off
  # The marker names the program stop-services.sh checks in the pid's command line: postgres, not setpriv.
  sed -i '2s/.*/postgres/' "$ENG_STATE/postgres.started"
  wait_until "answers $port" "$START_TIMEOUT" || { tail -n 20 "$DIR/server.log" >&2; die "postgres did not answer on port $port"; }
  log "postgres answers on port $port"
fi
port="$(cat "$DIR/port")"

psql_admin() { as_postgres "$BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]]; then
  # CREATEDB: the tests make a database of their own per test class.
  psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
fi
if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]]; then
  psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

{
  echo "POSTGRES_HOST=127.0.0.1"
  echo "POSTGRES_PORT=$port"
  echo "POSTGRES_USER=$DB_USER"
  echo "POSTGRES_PASSWORD=$DB_PASSWORD"
  echo "POSTGRES_DATABASE=$DB_NAME"
  echo "POSTGRES_BIN=$BIN"
  echo "BOILERHOUSE_POSTGRES=Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "postgres ready: $ENV_FILE"
