#!/usr/bin/env bash
# The store's two commands:
#   ./store.sh run    start the store with demo data (PostgreSQL provided if none is configured)
#   ./store.sh test   run every test: unit, integration (real PostgreSQL), component, browser and the image's
# and for owners:
#   ./store.sh image                    build the container image here (Podman) into .data/image/store.tar
#   ./store.sh image-test               start that image's entrypoint against PostgreSQL and buy over HTTP
#   ./store.sh backup [FILE]            the database and the media folder in one archive
#   ./store.sh restore FILE [DATABASE]  into a new (or empty) database
#   ./store.sh cluster N                N instances behind haproxy against one database (Ctrl+C stops them all;
#                                       STORE_REDIS=1 adds a private redis-server as cache and invalidation bus)
set -euo pipefail
STORE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export STORE_ROOT
cd "$STORE_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/chromium.sh
source scripts/chromium.sh
# shellcheck source=scripts/image.sh
source scripts/image.sh
# shellcheck source=scripts/image-test.sh
source scripts/image-test.sh
# shellcheck source=scripts/backup.sh
source scripts/backup.sh
# shellcheck source=scripts/haproxy.sh
source scripts/haproxy.sh
# shellcheck source=scripts/cluster.sh
source scripts/cluster.sh
# shellcheck source=scripts/redis.sh
source scripts/redis.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cmd="${1:-}"
case "$cmd" in
  run)
    # A cluster started here stays up after Ctrl+C (the next run starts faster); ./store.sh stop-db stops it.
    pg_ensure_running
    dotnet build Store.Web -c Release -nologo -v q
    if [ -z "${STORE_URL:-}" ] && port_in_use 5080; then
      # Another clone's store has 5080: take the next free port rather than fail to bind.
      STORE_URL="http://localhost:$(free_port 5081)"
    fi
    url="${STORE_URL:-http://localhost:5080}"
    # With no SMTP server configured, the store's emails are written here as .eml files.
    export Store__Email__PickupFolder="${Store__Email__PickupFolder:-$STORE_ROOT/.data/mail}"
    # Uploaded product pictures (resized copies), beside the database and the mail.
    export Store__Images__Root="${Store__Images__Root:-$STORE_ROOT/.data/images}"
    # The demo catalog, locations, suppliers and a generated admin password; a real store starts without them.
    export Store__SeedDemoData="${Store__SeedDemoData:-true}"
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
    export Store__SeedDemoData="${Store__SeedDemoData:-true}"
    CLUSTER_PIDS=()
    trap 'echo "store: stopping the cluster"; cluster_stop; redis_stop' EXIT
    trap 'exit 130' INT TERM
    if [ "${STORE_REDIS:-0}" = 1 ] && [ -z "${ConnectionStrings__Redis:-}" ]; then
      # Redis as the catalog's shared second level and the invalidation bus, instead of LISTEN/NOTIFY.
      redis_ensure
      redis_port="$(free_port "${STORE_REDIS_PORT:-56379}")"
      redis_start "$redis_port"
      export ConnectionStrings__Redis="127.0.0.1:$redis_port"
      echo "store: redis-server on 127.0.0.1:$redis_port (log in .data/redis/)"
    fi
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
    if [ "$STORE_PG_STARTED" = 1 ]; then
      # Leave nothing running: a cluster this command started is stopped however the run ends. One that was
      # already up (or a server from ConnectionStrings__Store) is left as it was.
      trap pg_stop EXIT
      trap 'exit 130' INT
      trap 'exit 143' TERM
    fi
    chromium_ensure
    haproxy_ensure
    # The Redis tests start private redis-server processes of their own; under CI a missing one fails them.
    redis_ensure
    export STORE_TEST_PG="$ConnectionStrings__Store"
    dotnet build Store.sln -c Release -nologo -v q
    dotnet format Store.sln --verify-no-changes --no-restore
    dotnet test Store.Tests -c Release --no-build --logger "console;verbosity=normal"
    # The phone app's NSwag-generated client (built from openapi/v1.json) buying against a running store.
    dotnet test Store.ApiClientTests -c Release --no-build --logger "console;verbosity=normal"
    dotnet test Store.E2E -c Release --no-build --logger "console;verbosity=normal"
    # The container image, built from the Dockerfile and started as an engine would, buys over HTTP.
    # STORE_TEST_IMAGE=0 skips it on a developer's machine; CI always runs it.
    if [ "${STORE_TEST_IMAGE:-1}" != 0 ] || [ -n "${CI:-}" ]; then
      image_build
      image_test
    fi
    ;;
  image)
    image_build
    ;;
  image-test)
    pg_ensure_running
    image_test
    ;;
  backup)
    store_backup "${2:-}"
    ;;
  restore)
    store_restore "${2:-}" "${3:-}"
    ;;
  db)
    pg_ensure_running
    echo "$ConnectionStrings__Store"
    ;;
  stop-db)
    pg_stop
    ;;
  *)
    echo "usage: ./store.sh run | test | cluster N | image | image-test | backup [FILE] | restore FILE [DATABASE] | db | stop-db" >&2
    exit 2
    ;;
esac
