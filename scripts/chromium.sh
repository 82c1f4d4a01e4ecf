#!/usr/bin/env bash
# Browser tests drive Debian's Chromium: Playwright's own browser download cannot work on this network.
chromium_ensure() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "store: installing Chromium (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
  fi
}
