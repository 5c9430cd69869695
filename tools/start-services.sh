#!/usr/bin/env bash
# The distributed shape on one machine: local Kafka and FerretDB (tools/local-infra), then the five
# services as separate processes sharing one event store file (as they would share EventStoreDB).
#   tools/start-services.sh          start (idempotent) and wait until every service is ready
#   tools/start-services.sh --stop   stop the services (the infrastructure keeps running)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools/common.sh
source tools/common.sh

services=(catalogue:3001 document-attributes:3002 requests:3003 interpretation:3004 assessment:3005)
run_dir=data/run
log_dir=data/logs
mkdir -p "$run_dir" "$log_dir"

if [[ ${1:-} == --stop ]]; then
  for entry in "${services[@]}"; do
    name=${entry%%:*}
    pid_file="$run_dir/$name.pid"
    if [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      kill -TERM "$(cat "$pid_file")" && echo "stopping $name" >&2
    fi
    rm -f "$pid_file"
  done
  exit 0
fi

ensure_dependencies
start_local_infra all
use_dev_secret || true
export EVENT_STORE_URL="${EVENT_STORE_URL:-sqlite:./data/events.db}"

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  pid_file="$run_dir/$name.pid"
  if [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$pid_file"))" >&2
    continue
  fi
  HTTP_PORT=$port nohup node -r @swc-node/register "apps/$name-service/src/main.ts" >>"$log_dir/$name.log" 2>&1 &
  echo $! >"$pid_file"
done

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null || { echo "$name exited; see $log_dir/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "$name is not ready; see $log_dir/$name.log" >&2; exit 1; }
  echo "$name ready: http://127.0.0.1:$port/api/docs" >&2
done
