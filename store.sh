#!/usr/bin/env bash
# The store's two commands:
#   ./store.sh run    start the store with demo data (PostgreSQL provided if none is configured)
#   ./store.sh test   run every test: unit, integration (real PostgreSQL), component and browser
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/chromium.sh
source scripts/chromium.sh

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
    # The demo catalog, locations, suppliers and a generated admin password; a real store starts without them.
    export Store__SeedDemoData="${Store__SeedDemoData:-true}"
    echo "store: starting at $url  (admin: /admin, API docs: /openapi/v1.json, emails: $Store__Email__PickupFolder; Ctrl+C stops)"
    exec dotnet run --project Store.Web -c Release --no-build --no-launch-profile --urls "$url"
    ;;
  test)
    pg_ensure_running
    chromium_ensure
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
    echo "usage: ./store.sh run | test | db | stop-db" >&2
    exit 2
    ;;
esac
