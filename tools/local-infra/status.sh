#!/usr/bin/env bash
# Show whether the local Kafka / FerretDB (and Keycloak, SeaweedFS and Mailpit, started only on request) from up.sh run.
# Exit status: 0 if Kafka and FerretDB are running, 3 otherwise (Keycloak, SeaweedFS and Mailpit do not count).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rc=0
echo "cache: $CACHE_DIR"
for svc in kafka ferretdb keycloak seaweedfs mailpit; do
  case "$svc" in
  kafka)
    p="$KAFKA_PORT"
    url="KAFKA_BROKERS=$LI_HOST:$KAFKA_PORT"
    if [[ -f $(kafka_home)/.complete ]]; then art="Kafka $(kafka_version) cached"; else art="not provisioned"; fi
    ;;
  ferretdb)
    p="$MONGO_PORT"
    url="MONGODB_URL=$(mongo_url)"
    if [[ -x $(ferretdb_bin) ]]; then art="binary built"; else art="not built"; fi
    ;;
  keycloak)
    p="$KEYCLOAK_PORT"
    url="KEYCLOAK_ISSUER=$(keycloak_issuer)"
    if [[ -f $(keycloak_artifact)/.complete ]]; then art="Keycloak $(keycloak_version) cached"; else art="not provisioned"; fi
    ;;
  seaweedfs)
    p="$S3_PORT"
    url="S3_ENDPOINT=$(s3_endpoint)"
    if [[ -x $(seaweedfs_dir)/weed ]]; then art="SeaweedFS $(seaweedfs_version) built"; else art="not built"; fi
    ;;
  mailpit)
    p="$MAILPIT_HTTP_PORT"
    url="SMTP_URL=smtp://$LI_HOST:$MAILPIT_SMTP_PORT MAILPIT_API=$(mailpit_api)"
    if [[ -x $(mailpit_bin) ]]; then art="Mailpit $MAILPIT_VERSION built"; else art="not built"; fi
    ;;
  esac
  if pid="$(service_pid "$svc")"; then
    up="$(ps -o etime= -p "$pid" | tr -d ' ')"
    if port_open "$p"; then state="running"; else state="starting"; fi
    printf '%-9s %-8s pid %-7s up %-10s %s  (%s, log %s)\n' "$svc" "$state" "$pid" "$up" "$url" "$art" "$LOG_DIR/$svc.log"
    [[ $state == running || $svc == keycloak || $svc == seaweedfs || $svc == mailpit ]] || rc=3
  else
    printf '%-9s %-8s (%s)\n' "$svc" "stopped" "$art"
    [[ $svc == keycloak || $svc == seaweedfs || $svc == mailpit ]] || rc=3
  fi
done
exit "$rc"
