#!/usr/bin/env bash
# The one command that runs the whole system on a fresh machine (README: `npm start`): the
# standalone shape, all five modules in one process, with embedded defaults and demo data.
#   - event store: SQLite file ./data/events.db
#   - bus: in-process
#   - read models: FerretDB started by tools/local-infra (unless MONGODB_URL is set)
#   - auth: a local secret in ./data/dev-secret and the demo login enabled
#   - the web app (portal and console) built into apps/web/dist and served at the root URL
#   - logs as readable lines (LOG_FORMAT=pretty; JSON lines, the production format, with LOG_FORMAT=json)
#   - the code compiled to dist/ first (about 2 s) and run as plain JavaScript, as the container runs it,
#     with V8's heap bounded by HEAP_LIMIT_MB (docs/operations.md §19): compiling in-process
#     (@swc-node/register) holds the TypeScript compiler and every file's source map, some 70 MB more
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools/common.sh
source tools/common.sh

ensure_dependencies

ensure_web_app

start_local_infra mongo

if [[ ${GONGKAI_IDENTITY:-demo} == keycloak ]]; then
  # Staff sign in through the local Keycloak (tools/local-infra, realm infra/identity); no demo login.
  start_local_infra keycloak
  use_dev_secret || true # tokens are checked against Keycloak (AUTH_JWKS_URL wins); the secret only derives the local HMAC keys
  export AUTH_JWKS_URL="$KEYCLOAK_JWKS_URL" AUTH_ISSUER="$KEYCLOAK_ISSUER" AUTH_AUDIENCE=gongkai AUTH_CONSOLE_CLIENT_ID=gongkai-console AUTH_DEV_LOGIN=false
  # Without the demo login the personal-data master key is not derived: a local one, kept with the local data.
  if [[ -z ${PERSONAL_DATA_MASTER_KEY:-} ]]; then
    mkdir -p data
    [[ -s data/personal-data-master-key ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >data/personal-data-master-key
    PERSONAL_DATA_MASTER_KEY="$(cat data/personal-data-master-key)"
    export PERSONAL_DATA_MASTER_KEY
  fi
elif use_dev_secret; then
  export AUTH_DEV_LOGIN="${AUTH_DEV_LOGIN:-true}"
fi
export EVENT_STORE_URL="${EVENT_STORE_URL:-sqlite:./data/events.db}"
export HTTP_PORT="${HTTP_PORT:-3000}"
export GONGKAI_DEMO_DATA="${GONGKAI_DEMO_DATA:-true}"
export LOG_FORMAT="${LOG_FORMAT:-pretty}"

export HEAP_LIMIT_MB="${HEAP_LIMIT_MB:-320}"
if [[ ! $HEAP_LIMIT_MB =~ ^[1-9][0-9]*$ ]]; then
  echo "HEAP_LIMIT_MB must be a whole number of megabytes (got '$HEAP_LIMIT_MB')" >&2
  exit 1
fi

node infra/build/compile.js dist >/dev/null
# The standalone serves the web app from dist/apps/web/dist (libs/shapes/src/standalone.ts), as in the image.
mkdir -p dist/apps/web
ln -sfn ../../../apps/web/dist dist/apps/web/dist

exec node --enable-source-maps --max-old-space-size="$HEAP_LIMIT_MB" dist/apps/standalone/src/main.js
