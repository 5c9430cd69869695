#!/usr/bin/env bash
# The distributed shape on one machine: local Kafka and FerretDB (tools/local-infra), then the five
# services as separate processes sharing one event store file (as they would share EventStoreDB),
# and a gateway (tools/gateway) that serves the portal and console at one URL and routes
# /api/<service> to each service, as the Ingress does in Kubernetes.
#   tools/start-services.sh          start (idempotent) and wait until every service is ready
#   tools/start-services.sh --stop   stop the services and the gateway (the infrastructure keeps running)
# Logs: data/logs/<service>.log and data/logs/gateway.log, readable lines (LOG_FORMAT=pretty; JSON with LOG_FORMAT=json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools/common.sh
source tools/common.sh

services=(catalogue:3001 document-attributes:3002 requests:3003 interpretation:3004 assessment:3005)
gateway_port=${GATEWAY_PORT:-3000}
run_dir=data/run
log_dir=data/logs
mkdir -p "$run_dir" "$log_dir"

running() { [[ -f $run_dir/$1.pid ]] && kill -0 "$(cat "$run_dir/$1.pid")" 2>/dev/null; }

if [[ ${1:-} == --stop ]]; then
  for entry in gateway "${services[@]}"; do
    name=${entry%%:*}
    if running "$name"; then
      kill -TERM "$(cat "$run_dir/$name.pid")" && echo "stopping $name" >&2
    fi
    rm -f "$run_dir/$name.pid"
  done
  exit 0
fi

ensure_dependencies
ensure_web_app
start_local_infra all
# Without a configured token check: the local secret, and the console's demo login (as under npm start).
if use_dev_secret; then
  export AUTH_DEV_LOGIN="${AUTH_DEV_LOGIN:-true}"
fi
export EVENT_STORE_URL="${EVENT_STORE_URL:-sqlite:./data/events.db}"
export LOG_FORMAT="${LOG_FORMAT:-pretty}"

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  if running "$name"; then
    echo "$name already running (pid $(cat "$run_dir/$name.pid"))" >&2
    continue
  fi
  HTTP_PORT=$port nohup node -r @swc-node/register "apps/$name-service/src/main.ts" >>"$log_dir/$name.log" 2>&1 &
  echo $! >"$run_dir/$name.pid"
done

# The gateway: /api/<service> → 127.0.0.1:<port> for each service, the web app for everything else,
# and /api/auth (sign-in settings, `me`, the demo login when enabled; every service answers it alike)
# to the first service, as the Ingress routes it (infra/k8s/base/ingress.yaml).
if running gateway; then
  echo "gateway already running (pid $(cat "$run_dir/gateway.pid"))" >&2
else
  routes=$(
    IFS=,
    echo "${services[*]//:/=}"
  )
  routes="$routes,/api/auth=${services[0]##*:}"
  GATEWAY_ROUTES=$routes GATEWAY_PORT=$gateway_port nohup node -r @swc-node/register tools/gateway/gateway.ts >>"$log_dir/gateway.log" 2>&1 &
  echo $! >"$run_dir/gateway.pid"
fi

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    running "$name" || { echo "$name exited; see $log_dir/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "$name is not ready; see $log_dir/$name.log" >&2; exit 1; }
  echo "$name ready: http://127.0.0.1:$port/api/docs" >&2
done

for _ in $(seq 1 60); do
  curl -sS -o /dev/null "http://127.0.0.1:$gateway_port/" 2>/dev/null && break
  running gateway || { echo "gateway exited; see $log_dir/gateway.log" >&2; exit 1; }
  sleep 0.5
done
curl -sS -o /dev/null "http://127.0.0.1:$gateway_port/" || { echo "gateway is not answering; see $log_dir/gateway.log" >&2; exit 1; }
url="http://localhost:$gateway_port"
echo "gongkai 政务公开 (five services) is running: open $url/ (portal 门户), $url/console (staff 工作台); /api/<service> goes to each service"
