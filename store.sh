#!/usr/bin/env bash
# The store's two commands:
#   ./store.sh run    start the store with demo data (PostgreSQL provided if none is configured)
#   ./store.sh test   run every test: unit, integration (real PostgreSQL), component and browser
#   ./store.sh cluster N   N instances behind haproxy against one database (Ctrl+C stops them all)
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/chromium.sh
source scripts/chromium.sh
# shellcheck source=scripts/haproxy.sh
source scripts/haproxy.sh
# shellcheck source=scripts/cluster.sh
source scripts/cluster.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cmd="${1:-}"
case "$cmd" in
  run)
    pg_ensure_running
    url="${STORE_URL:-http://localhost:5080}"
    dotnet build Store.Web -c Release -nologo -v q
    # With no SMTP server configured, the store's emails are written here as .eml files.
    export Store__Email__PickupFolder="${Store__Email__PickupFolder:-$STORE_ROOT/.data/mail}"
    # Uploaded product pictures (resized copies), beside the database and the mail.
    export Store__Images__Root="${Store__Images__Root:-$STORE_ROOT/.data/images}"
    # The certificate that encrypts the Data Protection keys, when none is configured: generated once, kept here.
    export Store__DataProtection__GeneratedCertificatePath="${Store__DataProtection__GeneratedCertificatePath:-$STORE_ROOT/.data/keys/data-protection.pfx}"
    echo "store: starting at $url  (admin: /admin, API docs: /openapi/v1.json, emails: $Store__Email__PickupFolder; Ctrl+C stops)"
    exec dotnet run --project Store.Web -c Release --no-build --no-launch-profile --urls "$url"
    ;;
  cluster)
    count="${2:-2}"
    if ! [[ "$count" =~ ^[1-9][0-9]?$ ]]; then
      echo "usage: ./store.sh cluster N   (N instances, 1 to 99)" >&2
      exit 2
    fi
    pg_ensure_running
    haproxy_ensure
    lb_port="${STORE_CLUSTER_PORT:-5080}"
    dotnet build Store.Web -c Release -nologo -v q
    export Store__Email__PickupFolder="${Store__Email__PickupFolder:-$STORE_ROOT/.data/mail}"
    export Store__Images__Root="${Store__Images__Root:-$STORE_ROOT/.data/images}"
    export Store__DataProtection__GeneratedCertificatePath="${Store__DataProtection__GeneratedCertificatePath:-$STORE_ROOT/.data/keys/data-protection.pfx}"
    CLUSTER_PIDS=()
    trap 'echo "store: stopping the cluster"; cluster_stop' EXIT
    trap 'exit 130' INT TERM
    ports=()
    for i in $(seq 1 "$count"); do
      ports+=("$((lb_port + i))")
      cluster_start_instance "$i" "$((lb_port + i))"
    done
    for i in $(seq 1 "$count"); do
      cluster_wait_ready "${ports[$((i - 1))]}" "${CLUSTER_PIDS[$((i - 1))]}"
    done
    CLUSTER_HEALTH_PATH="$(cluster_health_path "${ports[0]}")"
    export CLUSTER_HEALTH_PATH
    cluster_haproxy_cfg "$lb_port" "${ports[@]}" >"$STORE_ROOT/.data/cluster/haproxy.cfg"
    cluster_start_haproxy "$STORE_ROOT/.data/cluster/haproxy.cfg"
    echo "store: $count instances (ports ${ports[*]}) behind haproxy at http://localhost:$lb_port; logs in .data/cluster/ (Ctrl+C stops them all)"
    wait "$CLUSTER_HAPROXY_PID"
    ;;
  test)
    pg_ensure_running
    chromium_ensure
    haproxy_ensure
    export STORE_TEST_PG="$ConnectionStrings__Store"
    dotnet build Store.sln -c Release -nologo -v q
    dotnet format Store.sln --verify-no-changes --no-restore
    dotnet test Store.Tests -c Release --no-build --logger "console;verbosity=normal"
    dotnet test Store.E2E -c Release --no-build --logger "console;verbosity=normal"
    ;;
  db)
    pg_ensure_running
    echo "$ConnectionStrings__Store"
    ;;
  stop-db)
    pg_stop
    ;;
  *)
    echo "usage: ./store.sh run | test | cluster N | db | stop-db" >&2
    exit 2
    ;;
esac
