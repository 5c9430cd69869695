#!/usr/bin/env bash
# `npm run bench [-- <name filter>]`: dependencies, the local FerretDB and Kafka, then every bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
while IFS= read -r line; do
  [[ $line == *=* ]] && export "${line?}"
done < <(tools/local-infra/up.sh all)
exec node --expose-gc -r @swc-node/register tools/bench/run.ts "$@"
