#!/usr/bin/env bash
# Install (Debian package) and start a throwaway PostgreSQL server on 127.0.0.1:55432.
# Prints the SQLAlchemy URL to use. Needs root (CI and the dev machines run as root).
set -euo pipefail
PGDATA="${PGDATA:-/tmp/checker-pg}"
PORT="${PGPORT:-55432}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
id postgres >/dev/null 2>&1 || useradd --system postgres
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown postgres "$PGDATA"
  su postgres -s /bin/sh -c "$BIN/initdb -D $PGDATA -A trust -U postgres >/dev/null"
fi
if ! su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
