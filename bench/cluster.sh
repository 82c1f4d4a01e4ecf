#!/usr/bin/env bash
# Benchmark (not a test): checkout orders/s through haproxy with one instance behind it, then two, in the same run on
# the same database (both instances run throughout; only haproxy's configuration changes between the two rounds).
# Usage: bench/cluster.sh [concurrency] [seconds]
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
source scripts/postgres.sh
source scripts/haproxy.sh
source scripts/cluster.sh
concurrency="${1:-16}"
seconds="${2:-20}"
lb_port="${STORE_BENCH_PORT:-5190}"

pg_ensure_running
haproxy_ensure
bin=$(pg_bin_dir)
export PGPASSWORD="$STORE_PG_PASSWORD"
psql_() { "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c "DROP DATABASE IF EXISTS store_cluster_bench WITH (FORCE)" -c "CREATE DATABASE store_cluster_bench"

dotnet build Store.Web -c Release -nologo -v q >/dev/null
dotnet build bench/CheckoutBench -c Release -nologo -v q >/dev/null
export ConnectionStrings__Store="${ConnectionStrings__Store/Database=store/Database=store_cluster_bench}"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Store__Admin__Password="Bench-Admin-1"
# The demo catalog to buy from (a store starts empty by default); no drawn pictures, they only cost start-up time.
export Store__SeedDemoData=true Store__SeedDemoPictures=false
# Every shopper here comes from one address: the per-address order limit is off for the run.
export Store__RateLimits__Orders__PermitLimit=0
export Store__Email__PickupFolder="$STORE_ROOT/.data/cluster-bench/mail" Store__Images__Root="$STORE_ROOT/.data/cluster-bench/images"
export Store__DataProtection__GeneratedCertificatePath="$STORE_ROOT/.data/cluster-bench/keys/data-protection.pfx"

CLUSTER_PIDS=()
trap cluster_stop EXIT
# The first instance migrates and seeds alone; the second then starts against a ready database.
cluster_start_instance 1 "$((lb_port + 1))"
cluster_wait_ready "$((lb_port + 1))" "${CLUSTER_PIDS[0]}"
cluster_start_instance 2 "$((lb_port + 2))"
cluster_wait_ready "$((lb_port + 2))" "${CLUSTER_PIDS[1]}"

psql_ -d store_cluster_bench -c "
  INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
    SELECT variant_id, location_id, 'Receipt', 100000, 0, 'bench', 'Benchmark stock', now() FROM inventory;
  UPDATE inventory SET on_hand = on_hand + 100000;"

CLUSTER_HEALTH_PATH="$(cluster_health_path "$((lb_port + 1))")"
export CLUSTER_HEALTH_PATH
# Warm both instances (JIT, first queries, pools) with the same traffic through haproxy; not counted.
cluster_haproxy_cfg "$lb_port" "$((lb_port + 1))" "$((lb_port + 2))" >"$STORE_ROOT/.data/cluster/bench-haproxy.cfg"
cluster_start_haproxy "$STORE_ROOT/.data/cluster/bench-haproxy.cfg"
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$lb_port/api/status" && break; sleep 0.25; done
echo "== Warming both instances for ${STORE_BENCH_WARMUP:-8}s (not counted)"
dotnet bench/CheckoutBench/bin/Release/net10.0/CheckoutBench.dll "http://127.0.0.1:$lb_port" "$concurrency" "${STORE_BENCH_WARMUP:-8}" >/dev/null
kill "$CLUSTER_HAPROXY_PID" 2>/dev/null; wait "$CLUSTER_HAPROXY_PID" 2>/dev/null || true
CLUSTER_HAPROXY_PID=""

results=()
for count in 1 2; do
  ports=()
  for i in $(seq 1 "$count"); do ports+=("$((lb_port + i))"); done
  cluster_haproxy_cfg "$lb_port" "${ports[@]}" >"$STORE_ROOT/.data/cluster/bench-haproxy.cfg"
  cluster_start_haproxy "$STORE_ROOT/.data/cluster/bench-haproxy.cfg"
  for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$lb_port/api/status" && break; sleep 0.25; done
  echo "== Checkout through haproxy, $count instance(s): $concurrency concurrent shoppers for ${seconds}s"
  dotnet bench/CheckoutBench/bin/Release/net10.0/CheckoutBench.dll "http://127.0.0.1:$lb_port" "$concurrency" "$seconds" | tee "/tmp/store-cluster-bench-$count.txt"
  kill "$CLUSTER_HAPROXY_PID" 2>/dev/null; wait "$CLUSTER_HAPROXY_PID" 2>/dev/null || true
  CLUSTER_HAPROXY_PID=""
  results+=("$count instance(s): $(grep -oP 'placed_per_second=\K[0-9.]+' "/tmp/store-cluster-bench-$count.txt") orders/s placed, $(grep -oP 'paid_per_second=\K[0-9.]+' "/tmp/store-cluster-bench-$count.txt") paid/s")
done
echo "== Summary"
printf '%s\n' "${results[@]}"
psql_ -d store_cluster_bench -tAc "SELECT 'integrity: oversold rows = ' || count(*) FROM inventory WHERE reserved > on_hand OR on_hand < 0"
