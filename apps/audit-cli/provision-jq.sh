#!/usr/bin/env bash
# jq for the offline-verification test of docs/audit.md (apps/audit-cli/src/commands.spec.ts).
# Idempotent: does nothing when jq is already installed. Called by tools/test.sh.
set -euo pipefail
command -v jq >/dev/null && exit 0
if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get install -y jq >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y jq >/dev/null; }
command -v jq >/dev/null
