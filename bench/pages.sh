#!/usr/bin/env bash
# Benchmark (not a test): the storefront's hottest pages and uncached search, each next to the bare JSON endpoint
# /api/status of the same app in the same run. Usage: bench/pages.sh [connections] [seconds]
#
# Each round starts the store on a fresh database (demo catalog, no pictures, no history), adds 100,000 products
# (bench/catalog-100k.sql, set-based SQL: STORE_BENCH_PRODUCTS=0 skips it), restarts the store so its caches and plans
# see the full catalog, then per URL: a curl, STORE_BENCH_WARMUP seconds of wrk (default 3, not counted), and the
# measured wrk window. Reported per URL: req/s, p50/p99, ratio to /api/status, CPU milliseconds per request of the
# store process and of PostgreSQL (utime + stime from /proc; the postmaster's reaped children included), and SQL
# statements per request (pg_stat_statements). Pages run at [connections] (default 32), searches at
# STORE_BENCH_SEARCH_CONNECTIONS (default 16), with the search result cache off (every search runs its SQL).
#
# A throwaway PostgreSQL cluster on a free port from 55600 with pg_stat_statements preloaded is started and removed
# afterwards: the store's own (or a shared) cluster is never restarted.
# STORE_BENCH_COMPARE=<git ref> (e.g. main): that commit is built and measured first, then this tree, back to back on
# the same server, and the ratios are printed. Results stay in /tmp/store-pages-<round>.txt.
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
source scripts/postgres.sh
connections="${1:-32}"
seconds="${2:-10}"
search_connections="${STORE_BENCH_SEARCH_CONNECTIONS:-16}"
warmup="${STORE_BENCH_WARMUP:-3}"
products="${STORE_BENCH_PRODUCTS:-100000}"
port="${STORE_BENCH_PORT:-5098}"
compare="${STORE_BENCH_COMPARE:-}"
work=$(mktemp -d /tmp/store-pages.XXXXXX)
chmod 755 "$work"
app=""
bench_pg_data=""

cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null && wait "$app" 2>/dev/null; fi
  if [ -n "$bench_pg_data" ]; then
    as_postgres "$(pg_bin_dir)/pg_ctl" -D "$bench_pg_data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$bench_pg_data"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_install_if_missing
bin=$(pg_bin_dir)
bench_pg_data=$(mktemp -d /var/tmp/store-pages-pg.XXXXXX)
[ "$(id -u)" = "0" ] && chown postgres:postgres "$bench_pg_data"
STORE_PG_PORT=$(free_port 55600)
echo "$STORE_PG_PASSWORD" > "$work/pw"; chmod 644 "$work/pw"
as_postgres "$bin/initdb" -D "$bench_pg_data" -U "$STORE_PG_USER" --pwfile="$work/pw" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres tee -a "$bench_pg_data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $STORE_PG_PORT
unix_socket_directories = '$bench_pg_data'
max_connections = 300
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 5000
CONF
as_postgres "$bin/pg_ctl" -D "$bench_pg_data" -l "$bench_pg_data/log" -w -t 60 start >/dev/null
echo "== Own PostgreSQL cluster for the run on port $STORE_PG_PORT (pg_stat_statements preloaded)"
base_conn="Host=127.0.0.1;Port=$STORE_PG_PORT;Username=$STORE_PG_USER;Password=$STORE_PG_PASSWORD;Database=store"
export PGPASSWORD="$STORE_PG_PASSWORD"
psql_() { "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
hz=$(getconf CLK_TCK)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local master total child
  master=$(head -n 1 "$bench_pg_data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat")
  for child in $(ps -o pid= --ppid "$master"); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}

start_app() {
  local tree=$1 label=$2
  (cd "$tree/Store.Web" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Store__Admin__Password="Bench-Admin-1" \
    Store__SeedDemoData=true Store__SeedDemoPictures=false Store__SeedDemoHistory=false Store__Jobs__Enabled=false \
    Store__Search__CacheResults=false Store__Images__Root="$work/$label-images" \
    exec dotnet bin/Release/net10.0/Store.Web.dll --urls "http://127.0.0.1:$port") >> "/tmp/store-pages-$label.log" 2>&1 &
  app=$!
  for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 1; done
  echo "the store ($label) did not start: see /tmp/store-pages-$label.log" >&2; exit 1
}

stop_app() { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=""; }

# One URL: warm-up, then the measured window with CPU and statement counters read at its edges.
line() {
  local label=$1 db=$2 name=$3 conns=$4 path=$5 url="http://127.0.0.1:$port$5"
  curl -fs -o /dev/null "$url" || { echo "$name: $url failed" >&2; exit 1; }
  wrk -t2 -c"$conns" -d"${warmup}s" "$url" > /dev/null
  psql_ -d postgres -tAc "SELECT pg_stat_statements_reset()" >/dev/null
  local a0 p0 a1 p1
  a0=$(ticks "$app"); p0=$(pg_ticks)
  wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s --latency "$url" > "$work/wrk.txt"
  a1=$(ticks "$app"); p1=$(pg_ticks)
  local statements requests rps p50 p99 errors
  statements=$(psql_ -d postgres -tAc "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')")
  psql_ -d postgres -At -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 200) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db') ORDER BY calls DESC LIMIT 15" \
    > "/tmp/store-pages-$label-$name-statements.txt"
  requests=$(grep -oP '^\s+\K[0-9]+(?= requests in)' "$work/wrk.txt")
  rps=$(grep -oP 'Requests/sec:\s+\K[0-9.]+' "$work/wrk.txt")
  p50=$(grep -oP '^\s+50%\s+\K\S+' "$work/wrk.txt")
  p99=$(grep -oP '^\s+99%\s+\K\S+' "$work/wrk.txt")
  errors=$(grep -oP 'Non-2xx or 3xx responses: \K[0-9]+' "$work/wrk.txt" || echo 0)
  awk -v n="$name" -v c="$conns" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v a="$((a1 - a0))" -v p="$((p1 - p0))" -v s="$statements" \
      -v r="$requests" -v hz="$hz" -v e="$errors" -v bare="$(cat "$work/$label.bare" 2>/dev/null || echo 0)" \
    'function ms(t) { return t ~ /us$/ ? t / 1000 : t ~ /ms$/ ? t + 0 : t * 1000 }
     BEGIN { printf "%-16s c=%-3s rps=%-9.0f ratio=%-6.3f p50_ms=%-7.2f p99_ms=%-7.2f app_cpu_ms=%-7.3f pg_cpu_ms=%-7.3f statements=%-6.2f errors=%s\n",
       n, c, rps, (bare > 0 ? rps / bare : 1), ms(p50), ms(p99), a * 1000 / hz / r, p * 1000 / hz / r, s / r, e }' | tee -a "/tmp/store-pages-$label.txt"
  [ "$name" = status ] && echo "$rps" > "$work/$label.bare"
  return 0
}

measure() {
  local label=$1 tree=$2 db="store_pages_$1"
  : > "/tmp/store-pages-$label.txt"; : > "/tmp/store-pages-$label.log"
  export ConnectionStrings__Store="${base_conn/Database=store/Database=$db}"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  if [ -f "$work/seeded" ]; then
    # The second round starts from a copy of the first one's seeded catalog; its own migrations apply on start.
    psql_ -d postgres -c "CREATE DATABASE $db TEMPLATE store_pages_seed"
    start_app "$tree" "$label"
  else
    psql_ -d postgres -c "CREATE DATABASE $db"
    start_app "$tree" "$label"
    if [ "$products" -gt 0 ]; then
      echo "== Seeding 100,000 products ($label)"
      time psql_ -d "$db" -f bench/catalog-100k.sql
    fi
    stop_app
    psql_ -d postgres -c "DROP DATABASE IF EXISTS store_pages_seed" -c "CREATE DATABASE store_pages_seed TEMPLATE $db"
    touch "$work/seeded"
    start_app "$tree" "$label"
  fi
  local product
  product=$(psql_ -d "$db" -tAc "SELECT p.slug FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = 'jackets' AND p.slug NOT LIKE 'bench-%' ORDER BY p.id LIMIT 1")
  echo "== $label: $(psql_ -d "$db" -tAc "SELECT count(*) FROM products") products; pages at $connections connections, searches at $search_connections, ${seconds}s each after ${warmup}s warm-up"
  line "$label" "$db" status "$connections" /api/status
  line "$label" "$db" api-products "$connections" "/api/products?limit=24"
  line "$label" "$db" home "$connections" /
  line "$label" "$db" category "$connections" /c/jackets
  line "$label" "$db" product "$connections" "/p/$product"
  line "$label" "$db" search-page "$search_connections" "/search?q=jacket"
  line "$label" "$db" search-api "$search_connections" "/api/products?q=jacket"
  line "$label" "$db" search-filtered "$search_connections" "/api/products?q=jacket&brand=Northwind&instock=1&sort=price-asc"
  stop_app
}

labels=()
if [ -n "$compare" ]; then
  echo "== Building $compare for comparison"
  mkdir -p "$work/compare"
  git archive "$compare" | tar -x -C "$work/compare"
  dotnet build "$work/compare/Store.Web" -c Release -nologo -v q >/dev/null
  measure baseline "$work/compare"
  labels+=(baseline)
fi
dotnet build Store.Web -c Release -nologo -v q >/dev/null
measure current "$STORE_ROOT"
labels+=(current)

if [ ${#labels[@]} = 2 ]; then
  echo "== Ratios current ÷ baseline (req/s, ratio to /api/status, p99, store CPU ms, statements per request)"
  while read -r name; do
    get() { grep -oP "^$name .*$2=\K[0-9.]+" "/tmp/store-pages-$1.txt"; }
    printf '%-16s' "$name"
    for m in rps ratio p99_ms app_cpu_ms statements; do
      awk -v m="$m" -v a="$(get baseline "$m")" -v b="$(get current "$m")" \
        'BEGIN { if (a + 0 > 0) printf "  %s %s→%s (%.2f×)", m, a, b, b / a; else printf "  %s %s→%s", m, a, b }'
    done
    echo
  done < <(awk '{print $1}' /tmp/store-pages-current.txt)
fi
