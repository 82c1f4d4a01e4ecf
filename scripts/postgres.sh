#!/usr/bin/env bash
# Provides PostgreSQL for the store. Sourced by store.sh.
# With ConnectionStrings__Store set, that server is used as it is. Otherwise a private cluster is
# run: own data folder, own port, loopback only, owned by the non-root `postgres` user because the
# server refuses to run as root.

STORE_PG_PORT="${STORE_PG_PORT:-55432}"
STORE_PG_USER="store"
STORE_PG_PASSWORD="store-dev-only"

pg_bin_dir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

pg_install_if_missing() {
  if [ -z "$(pg_bin_dir)" ]; then
    echo "store: installing PostgreSQL (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  fi
  # The Debian package may start its own cluster on 5432; ours does not need it.
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# The data folder lives under the repository unless the postgres user cannot reach it
# (a clone under a root-only folder such as mktemp -d); then it goes under /var/tmp.
pg_data_dir() {
  local wanted="$STORE_ROOT/.data/pg"
  if [ -n "${STORE_PG_DATA:-}" ]; then echo "$STORE_PG_DATA"; return; fi
  mkdir -p "$STORE_ROOT/.data"
  if as_postgres test -x "$STORE_ROOT/.data"; then
    echo "$wanted"
  else
    echo "/var/tmp/store-pg-$(echo -n "$STORE_ROOT" | md5sum | cut -c1-10)"
  fi
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    # From /, since the caller's folder may be closed to the postgres user.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_ensure_running() {
  if [ -n "${ConnectionStrings__Store:-}" ]; then
    echo "store: using the PostgreSQL server from ConnectionStrings__Store" >&2
    return 0
  fi
  pg_install_if_missing
  local bin data log
  bin=$(pg_bin_dir)
  data=$(pg_data_dir)
  log="$data.log"
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "store: creating a private PostgreSQL cluster in $data (port $STORE_PG_PORT)" >&2
    mkdir -p "$data"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data" "$(dirname "$data")" 2>/dev/null
    local pwfile
    pwfile=$(mktemp)
    echo "$STORE_PG_PASSWORD" > "$pwfile"
    chmod 644 "$pwfile"
    as_postgres "$bin/initdb" -D "$data" -U "$STORE_PG_USER" --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $STORE_PG_PORT
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
CONF
  fi
  touch "$log"; [ "$(id -u)" = "0" ] && chown postgres:postgres "$log"
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null || {
      echo "store: PostgreSQL did not start; see $log" >&2; tail -n 20 "$log" >&2; return 1; }
  fi
  if ! PGPASSWORD="$STORE_PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'store'" | grep -q 1; then
    PGPASSWORD="$STORE_PG_PASSWORD" "$bin/createdb" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" store
  fi
  export ConnectionStrings__Store="Host=127.0.0.1;Port=$STORE_PG_PORT;Username=$STORE_PG_USER;Password=$STORE_PG_PASSWORD;Database=store"
}

pg_stop() {
  local bin data
  bin=$(pg_bin_dir) || return 0
  data=$(pg_data_dir)
  [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" -m fast stop || true
}
