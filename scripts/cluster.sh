#!/usr/bin/env bash
# Several instances of the store on this machine behind haproxy, against one database: ./store.sh cluster N and
# bench/cluster.sh. Instances listen on consecutive ports after the balancer's, log to .data/cluster/store-I.log, and
# share the clone's data folder (mail, pictures, the Data Protection certificate) as instances on one box would.

# cluster_haproxy_cfg LB_PORT PORT... : deploy/haproxy.cfg with its "server store1" lines repeated once per instance.
cluster_haproxy_cfg() {
  local lb_port="$1"
  shift
  awk -v ports="$*" '
    /^[[:space:]]+server store1 / {
      n = split(ports, p, " ")
      for (i = 1; i <= n; i++) {
        line = $0
        gsub(/store1/, "store" i, line)
        sub(/127\.0\.0\.1:[0-9]+/, "127.0.0.1:" p[i], line)
        print line
      }
      next
    }
    /^[[:space:]]+server store[0-9]+ / { next }
    { print }
  ' "$STORE_ROOT/deploy/haproxy.cfg" \
    | sed -e "s|\"\${STORE_LB_BIND-:8080}\"|127.0.0.1:$lb_port|" -e "s|GET /healthz/ready|GET ${CLUSTER_HEALTH_PATH:-/healthz/ready}|"
}

# cluster_start_instance I PORT : starts instance I in the background; its pid is appended to CLUSTER_PIDS.
cluster_start_instance() {
  local i="$1" port="$2"
  mkdir -p "$STORE_ROOT/.data/cluster"
  (
    cd "$STORE_ROOT/Store.Web"
    exec env Store__Jobs__InstanceId="store$i" \
      dotnet "$STORE_ROOT/Store.Web/bin/Release/net10.0/Store.Web.dll" --urls "http://127.0.0.1:$port"
  ) >"$STORE_ROOT/.data/cluster/store-$i.log" 2>&1 &
  CLUSTER_PIDS+=("$!")
}

# cluster_wait_ready PORT PID : until the instance answers, or fails if its process ended.
cluster_wait_ready() {
  local port="$1" pid="$2"
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/api/status" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "store: the instance on port $port stopped; see .data/cluster/" >&2; return 1; }
    sleep 0.5
  done
  echo "store: the instance on port $port did not start within 2 minutes" >&2
  return 1
}

# cluster_health_path PORT : the readiness path haproxy checks (/healthz/ready; /api/status on a build without it).
cluster_health_path() {
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/healthz/ready")" = "404" ]; then
    echo /api/status
  else
    echo /healthz/ready
  fi
}

# cluster_start_haproxy CFG_FILE : haproxy in the foreground of a background job; its pid in CLUSTER_HAPROXY_PID.
cluster_start_haproxy() {
  haproxy -db -f "$1" >"$STORE_ROOT/.data/cluster/haproxy.log" 2>&1 &
  CLUSTER_HAPROXY_PID=$!
}

cluster_stop() {
  [ -n "${CLUSTER_HAPROXY_PID:-}" ] && kill "$CLUSTER_HAPROXY_PID" 2>/dev/null
  for pid in "${CLUSTER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${CLUSTER_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  CLUSTER_PIDS=()
  CLUSTER_HAPROXY_PID=""
  return 0
}
