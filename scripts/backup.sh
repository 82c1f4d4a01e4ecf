#!/usr/bin/env bash
# Backups of a store: its database and its media folder (uploaded product pictures) in one tar archive.
# Sourced by store.sh: `./store.sh backup [FILE]` and `./store.sh restore FILE [DATABASE]`.
#
# The archive holds store.dump (pg_dump's custom format: compressed, restored table by table), images/ (the
# folder Store__Images__Root names) and backup.txt (what was saved, when, from where). The server is the one of
# ConnectionStrings__Store, else the private cluster.

store_images_root() {
  echo "${Store__Images__Root:-$STORE_ROOT/.data/images}"
}

store_backup() {
  local file="${1:-$STORE_ROOT/.data/backups/store-$(date -u +%Y%m%dT%H%M%SZ).tar}"
  pg_ensure_running
  local images work database
  images=$(store_images_root)
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'; trap - RETURN" RETURN
  database=$(pg_env_from "$ConnectionStrings__Store" && echo "$PGDATABASE")
  # The database first, then the pictures: pictures are named by their content and only ever added, so every
  # picture the dump refers to is already on disk when the folder is read (a later upload only adds a spare file).
  (pg_env_from "$ConnectionStrings__Store" && "$(pg_tool pg_dump)" --format=custom --file="$work/store.dump" "$PGDATABASE") || {
    echo "store: pg_dump of $database failed; no backup written" >&2; return 1; }
  mkdir -p "$work/images"
  if [ -d "$images" ]; then cp -a "$images/." "$work/images/"; fi
  {
    echo "store backup"
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "database: $database"
    echo "images: $images ($(find "$work/images" -type f | wc -l) files)"
    echo "pg_dump: $("$(pg_tool pg_dump)" --version)"
    echo "commit: $(git -C "$STORE_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  } > "$work/backup.txt"
  mkdir -p "$(dirname "$file")"
  # Written beside the target and renamed: a failed run never leaves a truncated archive under the real name.
  tar -cf "$file.partial" -C "$work" backup.txt store.dump images && mv "$file.partial" "$file"
  echo "store: backup of database $database and $images written to $file ($(du -h "$file" | cut -f1))" >&2
}

# Restores into DATABASE (default: the database of ConnectionStrings__Store), which must not exist yet or be empty
# (no tables, as the one the private cluster or a new server starts with): the dump
# goes into a scratch database in one transaction and is renamed only when complete, so a failed restore leaves
# nothing half-written. Pictures are added to the media folder (existing files of the same name are the same picture).
store_restore() {
  local file="${1:-}" target="${2:-}"
  [ -n "$file" ] && [ -f "$file" ] || { echo "usage: ./store.sh restore FILE [DATABASE]  (FILE: a ./store.sh backup archive)" >&2; return 2; }
  pg_ensure_running
  local images work scratch exists tables=0
  images=$(store_images_root)
  [ -n "$target" ] || target=$(pg_env_from "$ConnectionStrings__Store" && echo "$PGDATABASE")
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'; trap - RETURN" RETURN
  tar -xf "$file" -C "$work" || { echo "store: $file is not a readable backup archive" >&2; return 1; }
  [ -f "$work/store.dump" ] || { echo "store: $file has no store.dump; not a ./store.sh backup archive" >&2; return 1; }
  exists=$(pg_env_from "$ConnectionStrings__Store" && "$(pg_tool psql)" -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = '${target//\'/\'\'}'")
  if [ "$exists" = 1 ]; then
    tables=$(pg_env_from "$ConnectionStrings__Store" && "$(pg_tool psql)" -d "$target" -qtAc \
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")
    if [ "$tables" != 0 ]; then
      echo "store: database $target already has tables; restore into a new name (./store.sh restore FILE NEW_NAME) and" \
        "point ConnectionStrings__Store at it, or drop $target first" >&2
      return 1
    fi
  fi
  scratch="${target}_restoring"
  pg_drop_database "$ConnectionStrings__Store" "$scratch"
  (pg_env_from "$ConnectionStrings__Store" && "$(pg_tool psql)" -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$scratch\"") || return 1
  # No owners or grants from the old server: the restoring user owns everything, as the store's user did.
  if ! (pg_env_from "$ConnectionStrings__Store" && "$(pg_tool pg_restore)" --no-owner --no-privileges --single-transaction \
      --exit-on-error -d "$scratch" "$work/store.dump"); then
    pg_drop_database "$ConnectionStrings__Store" "$scratch"
    echo "store: restore failed; database $target was not created" >&2
    return 1
  fi
  if [ "$exists" = 1 ]; then pg_drop_database "$ConnectionStrings__Store" "$target"; fi
  (pg_env_from "$ConnectionStrings__Store" && "$(pg_tool psql)" -d postgres -v ON_ERROR_STOP=1 -qc \
    "ALTER DATABASE \"$scratch\" RENAME TO \"$target\"") || return 1
  mkdir -p "$images"
  cp -a "$work/images/." "$images/"
  echo "store: restored $(sed -n 's/^created: //p' "$work/backup.txt") backup into database $target and $images" >&2
}
