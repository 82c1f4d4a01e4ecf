#!/usr/bin/env bash
# Benchmark (not a test): orders per second through the store's real checkout path, next to pgbench's TPS on the
# same PostgreSQL in the same run. Usage: bench/checkout.sh [concurrency] [seconds]
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
source scripts/postgres.sh
concurrency="${1:-16}"
seconds="${2:-20}"
port=5099

pg_ensure_running
bin=$(pg_bin_dir)
server=$(echo "$ConnectionStrings__Store" | sed 's/Database=store/Database=postgres/')
export PGPASSWORD="$STORE_PG_PASSWORD"
psql_() { "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "DROP DATABASE IF EXISTS store_bench WITH (FORCE)" -c "CREATE DATABASE store_bench" \
      -c "DROP DATABASE IF EXISTS store_pgbench WITH (FORCE)" -c "CREATE DATABASE store_pgbench"

dotnet build Store.Web -c Release -nologo -v q >/dev/null
dotnet build bench/CheckoutBench -c Release -nologo -v q >/dev/null
export ConnectionStrings__Store="${ConnectionStrings__Store/Database=store/Database=store_bench}"
# Every shopper here comes from one address: the per-address order limit is off for the run.
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Store__Admin__Password="Bench-Admin-1" Store__RateLimits__Orders__PermitLimit=0 Store__SeedDemoData=true Store__SeedDemoPictures=false \
  dotnet Store.Web/bin/Release/net10.0/Store.Web.dll --urls "http://127.0.0.1:$port" > /tmp/store-bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

# Plenty of stock everywhere, recorded in the ledger like any receipt, so stock never limits the run.
psql_ -d store_bench -c "
  INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
    SELECT variant_id, location_id, 'Receipt', 100000, 0, 'bench', 'Benchmark stock', now() FROM inventory;
  UPDATE inventory SET on_hand = on_hand + 100000;"

echo "== Store checkout: $concurrency concurrent shoppers for ${seconds}s"
dotnet bench/CheckoutBench/bin/Release/net10.0/CheckoutBench.dll "http://127.0.0.1:$port" "$concurrency" "$seconds" | tee /tmp/store-bench.txt

echo "== pgbench (TPC-B-like) on the same server: $concurrency clients for ${seconds}s"
"$bin/pgbench" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -i -s 10 -q store_pgbench >/dev/null 2>&1
"$bin/pgbench" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -c "$concurrency" -j 2 -T "$seconds" store_pgbench 2>/dev/null | tee /tmp/pgbench.txt | grep -E "^tps|latency average"

placed=$(grep -oP 'placed_per_second=\K[0-9.]+' /tmp/store-bench.txt)
paid=$(grep -oP 'paid_per_second=\K[0-9.]+' /tmp/store-bench.txt)
tps=$(grep -oP '^tps = \K[0-9.]+' /tmp/pgbench.txt)
echo "== Ratio: orders placed/s ÷ pgbench TPS = $(awk -v a="$placed" -v b="$tps" 'BEGIN{printf "%.3f", a/b}'); placed and paid/s ÷ TPS = $(awk -v a="$paid" -v b="$tps" 'BEGIN{printf "%.3f", a/b}')"
psql_ -d store_bench -tAc "SELECT 'integrity: oversold rows = ' || count(*) FROM inventory WHERE reserved > on_hand OR on_hand < 0"
