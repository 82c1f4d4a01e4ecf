#!/usr/bin/env bash
# Builds the store's container image on this machine from the root Dockerfile, with no registry reachable.
# Sourced by store.sh (`./store.sh image`). Podman builds; `podman run` does not work here (crun and the host's
# cgroups), so the image is tested by scripts/image-test.sh under unshare + chroot instead.
#
#  1. Debian bookworm with what a .NET app needs, made by mmdebstrap from Debian's packages; the tarball is kept
#     in .data/image/ under a name derived from its recipe, so later builds reuse it.
#  2. The local ASP.NET base: that Debian plus the .NET runtime of this machine's SDK (scripts/image/).
#  3. The store: `dotnet publish` on the host, then the Dockerfile with APP_SOURCE=prebuilt and the local base.
#  4. The image saved as an OCI archive: .data/image/store.tar.

STORE_IMAGE_DIR="$STORE_ROOT/.data/image"
STORE_IMAGE_TAG="localhost/store:latest"
# vfs: works in any container or VM, no fuse-overlayfs or kernel overlay needed.
podman_() { podman --storage-driver vfs "$@"; }

image_tools_ensure() {
  if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null; then
    echo "store: installing podman and mmdebstrap (Debian packages)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq podman mmdebstrap >/dev/null
  fi
}

# The packages a framework-dependent ASP.NET Core app needs on Debian 12 (as Microsoft's runtime-deps image),
# and curl for the HEALTHCHECK. The `app` user (uid 1654) is the one the official images have.
STORE_IMAGE_PACKAGES="ca-certificates,curl,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g"
STORE_IMAGE_HOOK='echo "app:x:1654:1654:app:/home/app:/usr/sbin/nologin" >> "$1/etc/passwd"; echo "app:x:1654:" >> "$1/etc/group"; mkdir -p "$1/home/app"; chown 1654:1654 "$1/home/app"'

image_debian_base() {
  local key tar tag
  key=$(echo "bookworm $STORE_IMAGE_PACKAGES $STORE_IMAGE_HOOK" | md5sum | cut -c1-12)
  tar="$STORE_IMAGE_DIR/debian-bookworm-$key.tar"
  tag="localhost/store-debian:bookworm-$key"
  if [ ! -f "$tar" ]; then
    echo "store: making the Debian base with mmdebstrap (once; kept in $tar)…" >&2
    rm -f "$STORE_IMAGE_DIR"/debian-bookworm-*.tar
    # Documentation, manual pages and translations are not needed in a server image.
    mmdebstrap --quiet --format=tar --variant=essential --include="$STORE_IMAGE_PACKAGES" \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --customize-hook="$STORE_IMAGE_HOOK" \
      bookworm "$tar.partial" /etc/apt/sources.list.d/debian.sources >&2 || return 1
    mv "$tar.partial" "$tar"
  fi
  if ! podman_ image exists "$tag"; then
    podman_ import --quiet "$tar" "$tag" >/dev/null || return 1
  fi
  echo "$tag"
}

image_aspnet_base() {
  local debian=$1 dotnet_root version fxr context tag
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  version=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | grep '^10\.' | sort -V | tail -n 1)
  fxr=$(ls "$dotnet_root/host/fxr" | sort -V | tail -n 1)
  tag="localhost/store-aspnet:$version-${debian##*:}"
  if ! podman_ image exists "$tag"; then
    echo "store: making the local ASP.NET $version base…" >&2
    context="$STORE_IMAGE_DIR/aspnet-context"
    rm -rf "$context"; mkdir -p "$context/dotnet/shared" "$context/dotnet/host/fxr"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$context/dotnet/"
    cp -a "$dotnet_root/host/fxr/$fxr" "$context/dotnet/host/fxr/"
    mkdir -p "$context/dotnet/shared/Microsoft.NETCore.App" "$context/dotnet/shared/Microsoft.AspNetCore.App"
    cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$version" "$context/dotnet/shared/Microsoft.NETCore.App/"
    cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$version" "$context/dotnet/shared/Microsoft.AspNetCore.App/"
    podman_ build --quiet --isolation chroot --format docker --build-arg DEBIAN_IMAGE="$debian" \
      --build-arg DOTNET_VERSION="$version" -f scripts/image/aspnet-base.Containerfile -t "$tag" "$context" >/dev/null \
      || return 1
    rm -rf "$context"
  fi
  echo "$tag"
}

image_dotnet_arch() {
  case "$(uname -m)" in aarch64) echo arm64 ;; *) echo x64 ;; esac
}

image_build() {
  image_tools_ensure
  mkdir -p "$STORE_IMAGE_DIR"
  local debian aspnet context started
  started=$(date +%s)
  # Command substitutions do not stop on errors under set -e: each step checks its own.
  debian=$(image_debian_base) || return 1
  aspnet=$(image_aspnet_base "$debian") || return 1
  context="$STORE_IMAGE_DIR/context"
  rm -rf "$context"
  echo "store: publishing Store.Web (Release)…" >&2
  # For this machine's architecture only, as the Dockerfile's SDK stage does: a portable publish carries the
  # native libraries of every platform (SkiaSharp's alone are 430 MB).
  dotnet publish Store.Web/Store.Web.csproj -c Release -nologo -v q -r "linux-$(image_dotnet_arch)" --self-contained false \
    -o "$context/app" | { grep -v "^ *Store.Web -> " || true; }
  echo "store: building $STORE_IMAGE_TAG from the Dockerfile on $aspnet…" >&2
  # chroot isolation: RUN steps need no OCI runtime (crun cannot create containers on this host).
  # Docker format keeps the HEALTHCHECK in the image's configuration (OCI's has no such field).
  # TARGETARCH is only read by the SDK stage, which this build skips; given, Podman 4.3 does not warn it is missing.
  podman_ build --quiet --isolation chroot --format docker --build-arg APP_SOURCE=prebuilt \
    --build-arg TARGETARCH="$(image_dotnet_arch | sed 's/x64/amd64/')" \
    --build-arg RUNTIME_IMAGE="$aspnet" -f Dockerfile -t "$STORE_IMAGE_TAG" "$context" >/dev/null
  rm -rf "$context" "$STORE_IMAGE_DIR/store.tar"
  podman_ save --quiet --format oci-archive -o "$STORE_IMAGE_DIR/store.tar" "$STORE_IMAGE_TAG"
  # Earlier builds of the tag are left untagged; with vfs each keeps a full copy of every layer.
  podman_ image prune -f >/dev/null
  echo "store: image $STORE_IMAGE_TAG saved to $STORE_IMAGE_DIR/store.tar ($(du -m "$STORE_IMAGE_DIR/store.tar" | cut -f1) MB archive, $(podman_ image inspect --format '{{.Size}}' "$STORE_IMAGE_TAG" | awk '{printf "%d", $1/1000000}') MB unpacked) in $(( $(date +%s) - started )) s" >&2
}
