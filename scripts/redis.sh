#!/usr/bin/env bash
# Redis for the store's tests (Store.Tests starts private redis-server processes of its own) and for
# STORE_REDIS=1 ./store.sh cluster N: Debian's redis-server package. Sourced by store.sh.

redis_ensure() {
  if command -v redis-server >/dev/null 2>&1; then
    return 0
  fi
  echo "store: installing redis-server (Debian package)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  local sudo="" guard=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # The package starts a system-wide server on 6379 when installed; the store only runs private ones, and the test
  # command must leave nothing running. A policy-rc.d that denies every start (exit 101) stops that, for this install.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$guard" >/dev/null
    $sudo chmod +x "$guard"
  fi
  $sudo apt-get update -qq >/dev/null
  local status=0
  $sudo apt-get install -y -qq redis-server >/dev/null || status=$?
  [ -z "$guard" ] || $sudo rm -f "$guard"
  return "$status"
}

# redis_start PORT : a private server on 127.0.0.1:PORT for this clone (no persistence: a cache and a message bus
# keep nothing worth saving), in the background; its pid in STORE_REDIS_PID, its log in .data/redis/.
redis_start() {
  local port="$1" dir="$STORE_ROOT/.data/redis"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    >"$dir/redis-$port.log" 2>&1 &
  STORE_REDIS_PID=$!
  for _ in $(seq 1 50); do
    port_in_use "$port" && return 0
    kill -0 "$STORE_REDIS_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "store: redis-server did not start on port $port; see $dir/redis-$port.log" >&2
  return 1
}

redis_stop() {
  if [ -n "${STORE_REDIS_PID:-}" ]; then
    kill "$STORE_REDIS_PID" 2>/dev/null
    wait "$STORE_REDIS_PID" 2>/dev/null
    STORE_REDIS_PID=""
  fi
  return 0
}
