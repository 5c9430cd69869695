#!/usr/bin/env bash
# Stop the local Kafka, FerretDB, Keycloak, SeaweedFS and/or Mailpit started by up.sh (SIGTERM, wait, then SIGKILL).
# Idempotent; works from any shell. Data and artifacts are kept.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-all}" in
-h | --help)
  echo "usage: tools/local-infra/down.sh [kafka|mongo|keycloak|s3|mail|all]  (all = every server that runs)" >&2
  exit 0
  ;;
esac
if ! services="$(parse_target "${1:-all}")"; then
  die "unknown target: $1 (expected kafka, mongo, keycloak, s3, mail or all)"
fi
# up.sh's "all" leaves Keycloak, SeaweedFS and Mailpit out (each is started by name); down.sh's "all" stops them too.
if [[ ${1:-all} == all ]]; then services="$services keycloak seaweedfs mailpit"; fi

for svc in $services; do
  stop_service "$svc"
done
