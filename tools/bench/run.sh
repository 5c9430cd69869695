#!/usr/bin/env bash
# `npm run bench [-- <name filter>]`: dependencies, the local FerretDB and Kafka, then every bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=tools/common.sh
source tools/common.sh
ensure_dependencies
start_local_infra all
start_local_infra s3
exec node --expose-gc -r @swc-node/register tools/bench/run.ts "$@"
