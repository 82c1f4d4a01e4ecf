#!/usr/bin/env bash
# The load balancer of ./store.sh cluster and of the two-instance test: Debian's haproxy package.
haproxy_ensure() {
  if ! command -v haproxy >/dev/null 2>&1; then
    echo "store: installing haproxy (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq haproxy >/dev/null
  fi
}
