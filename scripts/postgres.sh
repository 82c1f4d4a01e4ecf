#!/usr/bin/env bash
# Provides PostgreSQL for the store. Sourced by store.sh.
# With ConnectionStrings__Store set, that server is used as it is. Otherwise a private cluster is
# run: own data folder, own port, loopback only, owned by the non-root `postgres` user because the
# server refuses to run as root.
# Port: 55432 unless something else already listens there (another clone's cluster, say); then the next free
# one. The port a cluster was given is kept in its postgresql.conf, so a clone keeps its port across restarts.
# STORE_PG_PORT forces a port.

STORE_PG_PORT_FORCED="${STORE_PG_PORT:-}"
STORE_PG_PORT="${STORE_PG_PORT:-55432}"
# 1 once pg_ensure_running has started the server itself (store.sh test then stops it on exit).
STORE_PG_STARTED=0
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

# Something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp: no extra tool needed).
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# The cluster's port as its postgresql.conf says (the last setting wins, as for PostgreSQL).
pg_conf_port() {
  sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$1/postgresql.conf" | tail -n 1
}

pg_set_conf_port() {
  as_postgres sed -i "s/^[[:space:]]*port[[:space:]]*=.*/port = $2/" "$1/postgresql.conf"
}

pg_ensure_running() {
  if [ -n "${ConnectionStrings__Store:-}" ]; then
    echo "store: using the PostgreSQL server from ConnectionStrings__Store" >&2
    return 0
  fi
  pg_install_if_missing
  local bin data log port attempt
  bin=$(pg_bin_dir)
  data=$(pg_data_dir)
  log="$data.log"
  if [ ! -f "$data/PG_VERSION" ]; then
    port="${STORE_PG_PORT_FORCED:-$(free_port 55432)}"
    echo "store: creating a private PostgreSQL cluster in $data (port $port)" >&2
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
port = $port
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
CONF
  fi
  port=$(pg_conf_port "$data")
  touch "$log"; [ "$(id -u)" = "0" ] && chown postgres:postgres "$log"
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Two clones starting at once may pick the same free port: the loser moves on to the next one.
    for attempt in 1 2 3; do
      if [ -n "$STORE_PG_PORT_FORCED" ] && [ "$port" != "$STORE_PG_PORT_FORCED" ]; then
        port="$STORE_PG_PORT_FORCED"; pg_set_conf_port "$data" "$port"
      elif [ -z "$STORE_PG_PORT_FORCED" ] && port_in_use "$port"; then
        local taken=$port
        port=$(free_port $((port + 1)))
        echo "store: port $taken is taken by another server; this clone's cluster moves to $port" >&2
        pg_set_conf_port "$data" "$port"
      fi
      if as_postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
        STORE_PG_STARTED=1
        break
      fi
      if [ "$attempt" = 3 ] || [ -n "$STORE_PG_PORT_FORCED" ] || ! port_in_use "$port"; then
        echo "store: PostgreSQL did not start; see $log" >&2; tail -n 20 "$log" >&2; return 1
      fi
    done
  fi
  STORE_PG_PORT=$port
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

# Sets PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from an Npgsql connection string ($1), so PostgreSQL's
# own tools (psql, pg_dump, pg_restore) reach the server the store uses. Only the usual keys are read.
pg_env_from() {
  local pair key value
  local -a pairs
  PGHOST=127.0.0.1; PGPORT=5432; PGUSER=""; PGPASSWORD=""; PGDATABASE=""
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    key=$(echo "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value="${pair#*=}"
    case "$key" in
      host|server) PGHOST="$value" ;;
      port) PGPORT="$value" ;;
      username|userid|user|uid) PGUSER="$value" ;;
      password|pwd) PGPASSWORD="$value" ;;
      database|db) PGDATABASE="$value" ;;
    esac
  done
  export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
}

# PostgreSQL's client tools: installed with the server package when missing.
pg_tool() {
  [ -n "$(pg_bin_dir)" ] || pg_install_if_missing
  echo "$(pg_bin_dir)/$1"
}

# Drops database $2 on the server of connection string $1, closing its connections first.
pg_drop_database() {
  (pg_env_from "$1" && PGOPTIONS="-c client_min_messages=warning" "$(pg_tool psql)" -d postgres -v ON_ERROR_STOP=1 -qtAc \
    "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)")
}
