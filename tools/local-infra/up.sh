#!/usr/bin/env bash
# Provision (cached), start and wait for a local single-node Kafka (KRaft) and/or
# FerretDB (MongoDB wire protocol, SQLite backend), on 127.0.0.1 only; Keycloak (the OpenID
# Connect provider of the sign-in tests), SeaweedFS (S3, for the blob store) and Mailpit (SMTP with an
# HTTP API, for the e-mail notices) only when asked for by name.
# Prints the connection settings on stdout; progress goes to stderr. See README.md.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<'EOF_USAGE'
usage: tools/local-infra/up.sh [--fresh] [kafka|mongo|keycloak|s3|mail|all]

  --fresh   wipe the servers' data (not the downloaded/built artifacts) first;
            same as GONGKAI_INFRA_FRESH=1. A running server is restarted.

Prints KAFKA_BROKERS=... (and the KAFKA_TEST_* settings of the TLS/SASL listener) and/or
MONGODB_URL=... on stdout; `keycloak` (not part of `all`) prints KEYCLOAK_ISSUER=... and
KEYCLOAK_JWKS_URL=... of the local realm `gongkai` (infra/identity); `s3` (SeaweedFS, not part of
`all`) prints S3_ENDPOINT=..., S3_REGION=..., S3_ACCESS_KEY_ID=..., S3_SECRET_ACCESS_KEY=...;
`mail` (Mailpit, not part of `all`) prints SMTP_URL=... and MAILPIT_API=... (its HTTP API).
If KAFKA_BROKERS / MONGODB_URL / KEYCLOAK_ISSUER / S3_ENDPOINT / SMTP_URL is already set, that server is not started
and the given value is printed instead.
EOF_USAGE
}

fresh="${GONGKAI_INFRA_FRESH:-0}"
target=""
while (($#)); do
  case "$1" in
  --fresh) fresh=1 ;;
  -h | --help)
    usage
    exit 0
    ;;
  -*)
    usage
    die "unknown option: $1"
    ;;
  *)
    [[ -z $target ]] || die "only one target may be given"
    target="$1"
    ;;
  esac
  shift
done
if ! services="$(parse_target "${target:-all}")"; then
  usage
  die "unknown target: $target (expected kafka, mongo, keycloak, s3, mail or all)"
fi

ensure_dirs
exec 9>"$RUN_DIR/up.lock"
flock -w "$START_TIMEOUT" 9 || die "timed out waiting for another up.sh (lock $RUN_DIR/up.lock)"

t_all="$(now_ms)"
declare -A out=() port=() t_start=()
pending=()

for svc in $services; do
  case "$svc" in
  kafka)
    if [[ -n ${KAFKA_BROKERS:-} ]]; then
      log "kafka: KAFKA_BROKERS is set; not starting a local Kafka"
      out[$svc]="KAFKA_BROKERS=$KAFKA_BROKERS"
      continue
    fi
    # The secured listener's settings, for the tests of the clients' TLS/SASL configuration.
    out[$svc]="KAFKA_BROKERS=$LI_HOST:$KAFKA_PORT
KAFKA_TEST_SASL_SSL_BROKERS=$LI_HOST:$KAFKA_SECURE_PORT
KAFKA_TEST_SSL_CA_FILE=$KAFKA_TLS_DIR/ca.pem
KAFKA_TEST_SASL_USERNAME=$KAFKA_SASL_USER
KAFKA_TEST_SASL_PASSWORD=$KAFKA_SASL_PASSWORD"
    port[$svc]="$KAFKA_PORT"
    data="$KAFKA_DATA"
    ;;
  ferretdb)
    if [[ -n ${MONGODB_URL:-} ]]; then
      log "ferretdb: MONGODB_URL is set; not starting a local FerretDB"
      out[$svc]="MONGODB_URL=$MONGODB_URL"
      continue
    fi
    out[$svc]="MONGODB_URL=$(mongo_url)"
    port[$svc]="$MONGO_PORT"
    data="$MONGO_DATA"
    ;;
  keycloak)
    if [[ -n ${KEYCLOAK_ISSUER:-} ]]; then
      log "keycloak: KEYCLOAK_ISSUER is set; not starting a local Keycloak"
      out[$svc]="KEYCLOAK_ISSUER=$KEYCLOAK_ISSUER
KEYCLOAK_JWKS_URL=${KEYCLOAK_JWKS_URL:-$KEYCLOAK_ISSUER/protocol/openid-connect/certs}"
      continue
    fi
    out[$svc]="KEYCLOAK_ISSUER=$(keycloak_issuer)
KEYCLOAK_JWKS_URL=$(keycloak_issuer)/protocol/openid-connect/certs"
    port[$svc]="$KEYCLOAK_PORT"
    data="$KEYCLOAK_DATA"
    ;;
  seaweedfs)
    if [[ -n ${S3_ENDPOINT:-} ]]; then
      log "seaweedfs: S3_ENDPOINT is set; not starting a local SeaweedFS"
      out[$svc]="S3_ENDPOINT=$S3_ENDPOINT"
      continue
    fi
    out[$svc]="$(s3_settings)"
    port[$svc]="$S3_PORT"
    data="$SEAWEED_DATA"
    ;;
  mailpit)
    if [[ -n ${SMTP_URL:-} ]]; then
      log "mailpit: SMTP_URL is set; not starting a local Mailpit"
      out[$svc]="SMTP_URL=$SMTP_URL${MAILPIT_API:+
MAILPIT_API=$MAILPIT_API}"
      continue
    fi
    out[$svc]="$(mailpit_settings)"
    port[$svc]="$MAILPIT_HTTP_PORT"
    data="$MAILPIT_DATA"
    ;;
  esac

  if [[ $fresh == 1 ]]; then
    stop_service "$svc"
    log "$svc: wiping data in $data"
    rm -rf "$data"
  fi

  if [[ $svc == kafka ]] && service_pid kafka >/dev/null && kafka_conf_changed; then
    log "kafka: the broker runs with an older configuration; restarting it"
    stop_service kafka
  fi

  if [[ $svc == keycloak ]] && service_pid keycloak >/dev/null && keycloak_realm_changed; then
    log "keycloak: the realm files in infra/identity changed; restarting it with a new database"
    stop_service keycloak
  fi

  if pid="$(service_pid "$svc")"; then
    if { [[ $svc != keycloak ]] && port_open "${port[$svc]}"; } || { [[ $svc == keycloak ]] && keycloak_ready; }; then
      log "$svc: already running (pid $pid, port ${port[$svc]})"
      continue
    fi
    log "$svc: running (pid $pid) but not ready yet; waiting"
    t_start[$svc]="$(now_ms)"
    pending+=("$svc")
    continue
  fi

  # Prerequisites and cached artifacts first (clear message if a tool is missing).
  case "$svc" in
  kafka)
    require_java
    provision_kafka
    ;;
  ferretdb) provision_ferretdb ;;
  keycloak)
    require_java
    provision_keycloak
    ;;
  seaweedfs) provision_seaweedfs ;;
  mailpit) provision_mailpit ;;
  esac

  if port_open "${port[$svc]}"; then
    die "$svc: port ${port[$svc]} on $LI_HOST is in use by another process; stop it, pick another port (GONGKAI_KAFKA_PORT / GONGKAI_MONGO_PORT / GONGKAI_KEYCLOAK_PORT / GONGKAI_S3_PORT / GONGKAI_MAILPIT_SMTP_PORT) or set KAFKA_BROKERS / MONGODB_URL / KEYCLOAK_ISSUER / S3_ENDPOINT / SMTP_URL"
  fi
  if [[ $svc == mailpit ]] && port_open "$MAILPIT_SMTP_PORT"; then
    die "mailpit: SMTP port $MAILPIT_SMTP_PORT on $LI_HOST is in use; set GONGKAI_MAILPIT_SMTP_PORT or SMTP_URL"
  fi
  if [[ $svc == kafka ]] && port_open "$KAFKA_CONTROLLER_PORT"; then
    die "kafka: controller port $KAFKA_CONTROLLER_PORT on $LI_HOST is in use; set GONGKAI_KAFKA_CONTROLLER_PORT"
  fi

  t_start[$svc]="$(now_ms)"
  case "$svc" in
  kafka)
    start_kafka
    log "kafka: started Kafka $(kafka_version) (pid $(<"$RUN_DIR/kafka.pid")), log: $LOG_DIR/kafka.log"
    ;;
  ferretdb)
    start_ferretdb
    log "ferretdb: started FerretDB (pid $(<"$RUN_DIR/ferretdb.pid")), log: $LOG_DIR/ferretdb.log"
    ;;
  keycloak)
    start_keycloak
    log "keycloak: started Keycloak $(keycloak_version) (pid $(<"$RUN_DIR/keycloak.pid")), log: $LOG_DIR/keycloak.log"
    ;;
  seaweedfs)
    start_seaweedfs
    log "seaweedfs: started SeaweedFS $(seaweedfs_version) (pid $(<"$RUN_DIR/seaweedfs.pid")), log: $LOG_DIR/seaweedfs.log"
    ;;
  mailpit)
    start_mailpit
    log "mailpit: started Mailpit $MAILPIT_VERSION (pid $(<"$RUN_DIR/mailpit.pid")), log: $LOG_DIR/mailpit.log"
    ;;
  esac
  pending+=("$svc")
done

# Wait for everything started above, concurrently.
trap kafka_probe_stop EXIT
deadline=$(($(now_ms) + START_TIMEOUT * 1000))
while ((${#pending[@]})); do
  still=()
  for svc in "${pending[@]}"; do
    if ! service_pid "$svc" >/dev/null; then
      tail -n 40 "$LOG_DIR/$svc.log" >&2 || true
      die "$svc: exited during startup; see $LOG_DIR/$svc.log"
    fi
    if "${svc}_ready"; then
      log "$svc: ready in $(elapsed "${t_start[$svc]}")"
    else
      still+=("$svc")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  ((${#pending[@]})) || break
  if (($(now_ms) > deadline)); then
    for svc in "${pending[@]}"; do
      tail -n 40 "$LOG_DIR/$svc.log" >&2 || true
    done
    die "not ready after ${START_TIMEOUT}s: ${pending[*]} (logs in $LOG_DIR; raise GONGKAI_INFRA_TIMEOUT?)"
  fi
  sleep 0.3
done

log "done in $(elapsed "$t_all")"
for svc in $services; do
  printf '%s\n' "${out[$svc]}"
done
