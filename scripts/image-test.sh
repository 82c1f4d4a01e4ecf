#!/usr/bin/env bash
# Tests the container image that ./store.sh image saved (.data/image/store.tar) the way an engine would start it:
# the archive is loaded, its filesystem unpacked, and its ENTRYPOINT run with its ENV, USER and WORKDIR under
# `unshare --mount --pid --fork` + chroot (podman run cannot create containers on this host). Against PostgreSQL
# (a database of its own), it waits for readiness, then buys over HTTP as a shopper: cart, order, payment on the
# test provider's hosted page, and reads the order back paid. Prints the start-up time to ready.
# Sourced by store.sh (`./store.sh test` runs it after the .NET tests; `./store.sh image-test` alone).

image_test() {
  image_tools_ensure
  [ -n "${ConnectionStrings__Store:-}" ] || { echo "image-test: ConnectionStrings__Store is not set" >&2; return 1; }
  local archive="$STORE_IMAGE_DIR/store.tar"
  [ -f "$archive" ] || { echo "image-test: no $archive; run ./store.sh image first" >&2; return 1; }

  local image rootfs cid
  image=$(podman_ load --quiet -i "$archive" | sed -n 's/^Loaded image[^:]*: *//p' | tail -n 1)
  [ -n "$image" ] || { echo "image-test: podman could not load $archive" >&2; return 1; }
  rootfs="$STORE_IMAGE_DIR/rootfs"
  rm -rf "$rootfs"; mkdir -p "$rootfs"
  cid=$(podman_ create "$image")
  podman_ export "$cid" | tar -x -C "$rootfs"
  podman_ rm "$cid" >/dev/null

  # What `docker run` would take from the image's configuration.
  local workdir user uid gid home
  local -a entrypoint image_env
  mapfile -t entrypoint < <(podman_ image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
  mapfile -t image_env < <(podman_ image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | sed '/^$/d')
  workdir=$(podman_ image inspect --format '{{.Config.WorkingDir}}' "$image")
  user=$(podman_ image inspect --format '{{.Config.User}}' "$image")
  uid=$(awk -F: -v u="$user" '$1 == u { print $3 }' "$rootfs/etc/passwd")
  gid=$(awk -F: -v u="$user" '$1 == u { print $4 }' "$rootfs/etc/passwd")
  home=$(awk -F: -v u="$user" '$1 == u { print $6 }' "$rootfs/etc/passwd")
  [ -n "$uid" ] && [ "$uid" != 0 ] || { echo "image-test: the image must run as a non-root user (USER is '$user')" >&2; return 1; }
  # OCI's image configuration has no HEALTHCHECK field (podman drops it from an OCI archive); the image's history
  # keeps the instruction, and the check below runs its curl inside the image.
  local history
  history=$(podman_ image inspect --format '{{range .History}}{{println .CreatedBy}}{{end}}' "$image")
  grep -q 'HEALTHCHECK.*/healthz/ready' <<< "$history" \
    || { echo "image-test: the image was not built with a HEALTHCHECK on /healthz/ready" >&2; return 1; }

  # Its own database on the same server, made from scratch by the image's start-up (migrations, demo catalog).
  local database="store_image_test" connection port base log app
  connection=$(echo "$ConnectionStrings__Store" | sed -E "s/(^|;)Database=[^;]*/\1Database=$database/I")
  pg_drop_database "$ConnectionStrings__Store" "$database"
  # The loopback network is the host's: take a free port rather than the image's 8080.
  port=$(free_port 18080)
  base="http://127.0.0.1:$port"
  log="$STORE_IMAGE_DIR/image-test.log"

  local started ready_ms
  started=$(date +%s%N)
  env -i "${image_env[@]}" HOME="$home" ASPNETCORE_HTTP_PORTS="$port" ConnectionStrings__Store="$connection" \
    Store__SeedDemoData=true Store__SeedDemoHistory=false Store__Admin__Password="Image-Test-Admin-1" Store__PublicBaseUrl="$base" \
    unshare --mount --pid --fork --kill-child=SIGTERM /bin/sh -c '
      root=$1; wd=$2; ids=$3; shift 3
      mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" || exit 1
      exec chroot --userspec="$ids" "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$wd" "$@"' \
    image-test "$rootfs" "$workdir" "$uid:$gid" "${entrypoint[@]}" >"$log" 2>&1 &
  app=$!
  # shellcheck disable=SC2064
  trap "image_test_stop $app; rm -rf '$rootfs'; trap - RETURN" RETURN

  local ready_path="/healthz/ready" status=""
  for _ in $(seq 1 600); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$ready_path" || true)
    # Until readiness is merged, the API's status endpoint stands in (it also needs the app fully started).
    if [ "$status" = 404 ] && [ "$ready_path" = /healthz/ready ]; then ready_path=/api/status; continue; fi
    [ "$status" = 200 ] && break
    kill -0 "$app" 2>/dev/null || { echo "image-test: the image's entrypoint exited; its log:" >&2; tail -n 40 "$log" >&2; return 1; }
    sleep 0.2
  done
  [ "$status" = 200 ] || { echo "image-test: not ready after 120 s; its log:" >&2; tail -n 40 "$log" >&2; return 1; }
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  # The HEALTHCHECK's own command, with the image's curl, as the image's user.
  chroot --userspec="$uid:$gid" "$rootfs" curl -fsS -o /dev/null "http://127.0.0.1:$port$ready_path" \
    || { echo "image-test: the image's curl could not reach $ready_path" >&2; return 1; }

  image_test_purchase "$base" || { echo "image-test: the purchase failed; the app's log:" >&2; tail -n 40 "$log" >&2; return 1; }

  # A second start against the database it made: what a restart or an upgrade with no new migration costs.
  image_test_stop "$app"
  started=$(date +%s%N)
  env -i "${image_env[@]}" HOME="$home" ASPNETCORE_HTTP_PORTS="$port" ConnectionStrings__Store="$connection" \
    unshare --mount --pid --fork --kill-child=SIGTERM /bin/sh -c '
      root=$1; wd=$2; ids=$3; shift 3
      mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" || exit 1
      exec chroot --userspec="$ids" "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$wd" "$@"' \
    image-test "$rootfs" "$workdir" "$uid:$gid" "${entrypoint[@]}" >>"$log" 2>&1 &
  app=$!
  # shellcheck disable=SC2064
  trap "image_test_stop $app; rm -rf '$rootfs'; trap - RETURN" RETURN
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$ready_path" || true)" = 200 ] && break
    kill -0 "$app" 2>/dev/null || { echo "image-test: the second start exited; its log:" >&2; tail -n 40 "$log" >&2; return 1; }
    sleep 0.2
  done
  local restart_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$ready_path")" = 200 ] || { echo "image-test: second start not ready" >&2; return 1; }

  echo "image-test: $image ($(podman_ image inspect --format '{{.Size}}' "$image" | awk '{printf "%d", $1/1000000}') MB) as uid $uid: ready ($ready_path) in ${ready_ms} ms on a new database (migrations and demo catalog), ${restart_ms} ms on a second start; a purchase over HTTP is paid"
  image_test_stop "$app"
  pg_drop_database "$ConnectionStrings__Store" "$database"
}

# unshare ignores SIGTERM while it waits for its child: the store (PID 1 of its namespace) is stopped directly, as
# `docker stop` would, and unshare exits with it.
image_test_stop() {
  local child
  child=$(ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true)
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
  wait "$1" 2>/dev/null || true
}

# Cart → order → payment on the test provider's hosted page, as the mobile app and a browser do.
image_test_purchase() {
  local base=$1 slug variant cart order_json order_id redirect page token cookies paid_status order_status
  slug=$(curl -fsS "$base/api/products?limit=20" | grep -o '"slug":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  [ -n "$slug" ] || { echo "image-test: no product in the catalog" >&2; return 1; }
  variant=$(curl -fsS "$base/api/products/$slug" | grep -o '"id":[0-9]*,"sku":"[^"]*","title":"[^"]*","size":[^,]*,"colour":[^,]*,"priceMinor":[0-9]*,"available":[1-9][0-9]*' \
    | head -n 1 | sed -E 's/^"id":([0-9]+),.*/\1/')
  [ -n "$variant" ] || { echo "image-test: no variant of $slug in stock" >&2; return 1; }
  cart=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"variantId\":$variant,\"quantity\":1}" "$base/api/cart/add" \
    | tr -d '\r' | sed -n 's/^[Xx]-[Cc]art-[Ii]d: *//p')
  [ -n "$cart" ] || { echo "image-test: adding variant $variant to a cart gave no cart id" >&2; return 1; }
  order_json=$(curl -fsS -H 'Content-Type: application/json' -H "X-Cart-Id: $cart" -H "Idempotency-Key: image-test-$(date +%s%N)" \
    -d '{"email":"image-test@example.com","name":"Image Test","line1":"1 Main St","city":"Austin","region":"TX","postalCode":"78701","country":"US"}' \
    "$base/api/orders")
  order_id=$(echo "$order_json" | grep -o '"orderId":"[^"]*"' | cut -d'"' -f4)
  [ -n "$order_id" ] || { echo "image-test: no order placed: $order_json" >&2; return 1; }
  redirect=$(curl -fsS -H 'Content-Type: application/json' -d "{\"orderId\":\"$order_id\"}" "$base/api/payments" \
    | grep -o '"redirectUrl":"[^"]*"' | cut -d'"' -f4)
  [ -n "$redirect" ] || { echo "image-test: no payment started for order $order_id" >&2; return 1; }
  case "$redirect" in http*) ;; *) redirect="$base$redirect" ;; esac
  # The hosted page's antiforgery token and cookie, then the approved test card.
  page=$(mktemp)
  cookies=$(mktemp)
  curl -fsS -c "$cookies" -o "$page" "$redirect"
  token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$page" | head -n 1 | sed 's/.*value="//; s/"$//; s/&#x2B;/+/g; s/&#x2F;/\//g; s/&#x3D;/=/g')
  paid_status=$(curl -sS -b "$cookies" -o /dev/null -w '%{http_code}' \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=pay" \
    --data-urlencode "Input.Number=4242424242424242" --data-urlencode "Input.Expiry=12/30" --data-urlencode "Input.Cvc=123" \
    "$redirect")
  rm -f "$page" "$cookies"
  case "$paid_status" in 302|303) ;; *) echo "image-test: paying order $order_id answered $paid_status" >&2; return 1 ;; esac
  order_status=$(curl -fsS "$base/api/orders/$order_id" | grep -o '"status":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  [ "$order_status" = "Paid" ] || { echo "image-test: order $order_id is '$order_status' after payment, not Paid" >&2; return 1; }
  echo "image-test: order $order_id placed and paid through the image" >&2
}
