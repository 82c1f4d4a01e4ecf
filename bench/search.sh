#!/usr/bin/env bash
# Benchmark (not a test): search and catalog API throughput with 100,000 products, in one run on this box.
# Seeds a fresh database, starts the store, and drives it with wrk (installed from Debian if missing).
# Usage: bench/search.sh [connections] [seconds]   (STORE_BENCH_DB names the database, default store_search_bench;
# STORE_BENCH_REUSE=1 keeps an already seeded one)
# Searches run twice: as deployed (answers cached per query until the catalog changes or 10 s pass), then with
# Store:Search:CacheResults=false, so every request runs its query against the 100,000 products.
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
source scripts/postgres.sh
connections="${1:-16}"
seconds="${2:-10}"
port="${STORE_BENCH_PORT:-5097}"
out=$(mktemp -d)
bench_db="${STORE_BENCH_DB:-store_search_bench}"
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

pg_ensure_running
bin=$(pg_bin_dir)
export PGPASSWORD="$STORE_PG_PASSWORD"
psql_() { "$bin/psql" -h 127.0.0.1 -p "$STORE_PG_PORT" -U "$STORE_PG_USER" -v ON_ERROR_STOP=1 -q "$@"; }
reuse=false
if [ "${STORE_BENCH_REUSE:-0}" = 1 ] && [ "$(psql_ -d "$bench_db" -tAc "SELECT count(*) >= 100000 FROM products" 2>/dev/null)" = t ]; then
  reuse=true
else
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db"
fi

dotnet build Store.Web -c Release -nologo -v q >/dev/null
export ConnectionStrings__Store="${ConnectionStrings__Store/Database=store/Database=$bench_db}"
start_app() {
  Store__Search__CacheResults="${1:-true}" Store__SeedDemoData=true Store__SeedDemoPictures=false ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Store__Admin__Password="Bench-Admin-1" Store__Jobs__Enabled=false \
    dotnet Store.Web/bin/Release/net10.0/Store.Web.dll --urls "http://127.0.0.1:$port" > "$out/store.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 1; done
  echo "the store did not start" >&2; exit 1
}
start_app
trap 'kill $app 2>/dev/null || true' EXIT

if [ "$reuse" = false ]; then
echo "== Seeding 100,000 products (with variants and stock)…"
time psql_ -d "$bench_db" -f bench/catalog-100k.sql
fi
psql_ -d "$bench_db" -tAc "SELECT 'products: ' || count(*) FROM products"

# A restart, so the catalog cache and the plans see the full catalog.
kill $app; wait $app 2>/dev/null || true
start_app

run() {
  local label="$1" url="$2"
  curl -fs -o /dev/null "$url"
  # Unmeasured warm-up, so the figures are the steady state rather than the JIT and connection pool filling.
  wrk -t2 -c"$connections" -d2s "$url" > /dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "$url" > "$out/wrk.txt"
  local rps p50 p99
  rps=$(grep -oP 'Requests/sec:\s+\K[0-9.]+' "$out/wrk.txt")
  p50=$(grep -oP '^\s+50%\s+\K\S+' "$out/wrk.txt")
  p99=$(grep -oP '^\s+99%\s+\K\S+' "$out/wrk.txt")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$label" "$rps" "$p50" "$p99"
  echo "$rps" > "$out/rps-${label//[^a-z]/_}"
}

echo "== 100,000 products, $connections connections, ${seconds}s each"
run "search: word (jacket)" "http://127.0.0.1:$port/api/products?q=jacket"
run "search: misspelt (hoddie)" "http://127.0.0.1:$port/api/products?q=hoddie"
run "search: word + facets" "http://127.0.0.1:$port/api/products?q=jacket&brand=Northwind&instock=1&sort=price-asc"
run "search page (HTML)" "http://127.0.0.1:$port/search?q=jacket"
catalog_label="GET /api/products"; bare_label="bare JSON (/api/status)"
run "$catalog_label" "http://127.0.0.1:$port/api/products?limit=24"
run "$bare_label" "http://127.0.0.1:$port/api/status"
catalog=$(cat "$out/rps-${catalog_label//[^a-z]/_}"); bare=$(cat "$out/rps-${bare_label//[^a-z]/_}")
echo "== GET /api/products ÷ bare endpoint = $(awk -v a="$catalog" -v b="$bare" 'BEGIN{printf "%.2f", a/b}')"

# The same searches with the result cache off: what a query nobody asked in the last 10 s costs.
kill $app; wait $app 2>/dev/null || true
start_app false
echo "== Result cache off: every request runs its query"
run "uncached: word (jacket)" "http://127.0.0.1:$port/api/products?q=jacket"
run "uncached: misspelt (hoddie)" "http://127.0.0.1:$port/api/products?q=hoddie"
run "uncached: word + facets" "http://127.0.0.1:$port/api/products?q=jacket&brand=Northwind&instock=1&sort=price-asc"
run "uncached: word + attribute" "http://127.0.0.1:$port/api/products?q=jacket&a.material=Wool&a.waterproof=true"
run "uncached: two words" "http://127.0.0.1:$port/api/products?q=alpine+jacket"
run "uncached: autocomplete (ja)" "http://127.0.0.1:$port/api/products/suggest?q=ja"
