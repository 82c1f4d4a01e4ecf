#!/usr/bin/env bash
# Benchmark (not a test): orders per second through the store's real checkout path, next to pgbench's TPS on the
# same PostgreSQL in the same run. Usage: bench/checkout.sh [concurrency] [seconds]
#
# Each round starts the store on a fresh database, warms it with the same traffic for STORE_BENCH_WARMUP seconds
# (default 8, not counted), then measures: orders placed and paid per second, p50/p99 of each of the five requests,
# CPU milliseconds per order of the store process and of PostgreSQL (from /proc, utime + stime), SQL statements and
# transactions per order (pg_stat_statements, pg_stat_database). The measured window ends when the outbox has
# handled what the orders queued (emails, invoices, fulfilment, labels), so that background work is counted too.
#
# STORE_BENCH_OWN_PG=1 (default): a throwaway PostgreSQL cluster on a free port, with pg_stat_statements preloaded,
# removed afterwards; the store's own cluster is never restarted. 0: the server of ConnectionStrings__Store (or the
# private one); PostgreSQL CPU is then not measured (other clients share it) and statements only if
# pg_stat_statements is already loaded there.
# STORE_BENCH_COMPARE=<git ref> (e.g. main): that commit is built and measured first, then this tree, back to back
# in the same run on the same server, and the ratios are printed.
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
source scripts/postgres.sh
concurrency="${1:-16}"
seconds="${2:-20}"
warmup="${STORE_BENCH_WARMUP:-8}"
port="${STORE_BENCH_PORT:-5099}"
own_pg="${STORE_BENCH_OWN_PG:-1}"
compare="${STORE_BENCH_COMPARE:-}"
work=$(mktemp -d /tmp/store-bench.XXXXXX)
chmod 755 "$work"
app=""
bench_pg_data=""

cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  if [ -n "$bench_pg_data" ]; then
    as_postgres "$(pg_bin_dir)/pg_ctl" -D "$bench_pg_data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$bench_pg_data"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$own_pg" = "1" ]; then
  pg_install_if_missing
  bin=$(pg_bin_dir)
  bench_pg_data=$(mktemp -d /var/tmp/store-bench-pg.XXXXXX)
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
  export ConnectionStrings__Store="Host=127.0.0.1;Port=$STORE_PG_PORT;Username=$STORE_PG_USER;Password=$STORE_PG_PASSWORD;Database=store"
else
  pg_ensure_running
  bin=$(pg_bin_dir)
  pg_env_from "$ConnectionStrings__Store"
  STORE_PG_PORT=$PGPORT
fi
export PGPASSWORD="$STORE_PG_PASSWORD"
psql_() { "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
stats=0
if psql_ -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 &&
   psql_ -d postgres -tAc "SELECT 1 FROM pg_stat_statements LIMIT 1" >/dev/null 2>&1; then
  stats=1
else
  echo "== pg_stat_statements is not loaded on this server: no statement counts (STORE_BENCH_OWN_PG=1 gives them)"
fi
base_conn="$ConnectionStrings__Store"

dotnet build bench/CheckoutBench -c Release -nologo -v q >/dev/null

# CPU clock ticks (utime + stime) of a process; for the postmaster also its reaped children's (backends that exited).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local master total child
  master=$(head -n 1 "$bench_pg_data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat")
  for child in $(ps -o pid= --ppid "$master"); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}

# Called by the load generator at the edges of the measured window: snapshots, or waits for the outbox and reads them.
cat > "$work/hook.sh" <<HOOK
#!/usr/bin/env bash
set -e
source "$STORE_ROOT/scripts/postgres.sh"
$(declare -f psql_ ticks pg_ticks)
bin="$bin"; STORE_PG_PORT="$STORE_PG_PORT"; STORE_PG_USER="$STORE_PG_USER"; export PGPASSWORD="$PGPASSWORD"
bench_pg_data="$bench_pg_data"; db="\$BENCH_DB"; out="$work/\$BENCH_LABEL"
if [ "\$1" = end ]; then
  for _ in \$(seq 1 240); do
    [ "\$(psql_ -d "\$db" -tAc "/* bench */ SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL AND parked_at IS NULL")" = 0 ] && break
    sleep 0.25
  done
fi
ticks "\$BENCH_APP_PID" > "\$out.app.\$1"
if [ -n "\$bench_pg_data" ]; then pg_ticks > "\$out.pg.\$1"; fi
psql_ -d "\$db" -tAc "/* bench */ SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()" > "\$out.xact.\$1"
psql_ -d "\$db" -tAc "/* bench */ SELECT count(*) FROM orders" > "\$out.orders.\$1"
if [ "$stats" = 1 ]; then
  if [ "\$1" = start ]; then
    psql_ -d postgres -tAc "SELECT pg_stat_statements_reset()" >/dev/null
  else
    psql_ -d postgres -tAc "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '\$db') AND query NOT LIKE '/* bench */%'" > "\$out.statements"
    psql_ -d postgres -At -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1), left(regexp_replace(query, '\\s+', ' ', 'g'), 220) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '\$db') ORDER BY calls DESC" > "\$out.top"
  fi
fi
HOOK
chmod +x "$work/hook.sh"

# One round: the store built in $2 (a checkout of this repository) on a fresh database, stocked, warmed, measured.
measure() {
  local label=$1 tree=$2 db="store_bench_$1"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  export ConnectionStrings__Store="${base_conn/Database=store/Database=$db}"
  mkdir -p "$work/$label-files"
  # Every shopper here comes from one address: the per-address order limit is off for the run.
  (cd "$tree/Store.Web" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Store__Admin__Password="Bench-Admin-1" \
    Store__RateLimits__Orders__PermitLimit=0 Store__SeedDemoData=true Store__SeedDemoPictures=false \
    Store__Email__PickupFolder="$work/$label-files/mail" Store__Images__Root="$work/$label-files/images" \
    exec dotnet bin/Release/net10.0/Store.Web.dll --urls "http://127.0.0.1:$port") > "/tmp/store-bench-$label.log" 2>&1 &
  app=$!
  for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

  # Plenty of stock everywhere, recorded in the ledger like any receipt, so stock never limits the run.
  psql_ -d "$db" -c "
    INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
      SELECT variant_id, location_id, 'Receipt', 100000, 0, 'bench', 'Benchmark stock', now() FROM inventory;
    UPDATE inventory SET on_hand = on_hand + 100000;"

  echo "== Store checkout ($label): $concurrency concurrent shoppers for ${seconds}s after ${warmup}s of warm-up"
  BENCH_DB=$db BENCH_LABEL=$label BENCH_APP_PID=$app \
    dotnet bench/CheckoutBench/bin/Release/net10.0/CheckoutBench.dll "http://127.0.0.1:$port" "$concurrency" "$seconds" "$warmup" "$work/hook.sh" \
    | tee "/tmp/store-bench-$label.txt"
  local orders hz
  hz=$(getconf CLK_TCK)
  orders=$(( $(cat "$work/$label.orders.end") - $(cat "$work/$label.orders.start") ))
  {
    echo "orders_in_window=$orders"
    awk -v a="$(cat "$work/$label.app.start")" -v b="$(cat "$work/$label.app.end")" -v n="$orders" -v hz="$hz" \
      'BEGIN{printf "store_cpu_ms_per_order=%.1f\n", (b-a)*1000/hz/n}'
    if [ -f "$work/$label.pg.end" ]; then
      awk -v a="$(cat "$work/$label.pg.start")" -v b="$(cat "$work/$label.pg.end")" -v n="$orders" -v hz="$hz" \
        'BEGIN{printf "pg_cpu_ms_per_order=%.1f\n", (b-a)*1000/hz/n}'
    fi
    awk -v a="$(cat "$work/$label.xact.start")" -v b="$(cat "$work/$label.xact.end")" -v n="$orders" \
      'BEGIN{printf "transactions_per_order=%.1f\n", (b-a)/n}'
    if [ -f "$work/$label.statements" ]; then
      awk -v s="$(cat "$work/$label.statements")" -v n="$orders" 'BEGIN{printf "statements_per_order=%.1f\n", s/n}'
      cp "$work/$label.top" "/tmp/store-bench-$label-statements.txt"
    fi
  } | tee -a "/tmp/store-bench-$label.txt"
  psql_ -d "$db" -tAc "SELECT 'integrity: oversold rows = ' || count(*) FROM inventory WHERE reserved > on_hand OR on_hand < 0"
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
  app=""
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

echo "== pgbench (TPC-B-like) on the same server: $concurrency clients for ${seconds}s"
psql_ -d postgres -c "DROP DATABASE IF EXISTS store_pgbench WITH (FORCE)" -c "CREATE DATABASE store_pgbench"
"$bin/pgbench" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -i -s 10 -q store_pgbench >/dev/null 2>&1
"$bin/pgbench" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -c "$concurrency" -j 2 -T "$seconds" store_pgbench 2>/dev/null | tee /tmp/pgbench.txt | grep -E "^tps|latency average"
tps=$(grep -oP '^tps = \K[0-9.]+' /tmp/pgbench.txt)

echo "== Summary (pgbench $tps TPS)"
value() { grep -oP "(^| )$2=\K[0-9.]+" "/tmp/store-bench-$1.txt" | head -n 1; }
p99() { grep -oP "^$2_ms .*p99=\K[0-9.]+" "/tmp/store-bench-$1.txt"; }
printf '%-28s' "measure"; printf '%14s' "${labels[@]}"; [ ${#labels[@]} = 2 ] && printf '%10s' "ratio"; echo
row() {
  local name=$1 read=$2 key=$3 values=() v l
  for l in "${labels[@]}"; do v=$("$read" "$l" "$key"); values+=("${v:-n/a}"); done
  printf '%-28s' "$name"; printf '%14s' "${values[@]}"
  if [ ${#labels[@]} = 2 ]; then awk -v a="${values[0]}" -v b="${values[1]}" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%10.2f", b/a; else printf "%10s", "n/a" }'; fi
  echo
}
for m in placed_per_second paid_per_second store_cpu_ms_per_order pg_cpu_ms_per_order statements_per_order transactions_per_order; do
  row "$m" value "$m"
done
for s in add order payment page pay; do row "${s}_p99_ms" p99 "$s"; done
for l in "${labels[@]}"; do
  echo "$l: paid/s ÷ pgbench TPS = $(awk -v a="$(value "$l" paid_per_second)" -v b="$tps" 'BEGIN{printf "%.3f", a/b}')" \
    "($(grep '^failures=' "/tmp/store-bench-$l.txt"))"
done
