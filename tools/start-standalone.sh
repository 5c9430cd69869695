#!/usr/bin/env bash
# The one command that runs the whole system on a fresh machine (README: `npm start`): the
# standalone shape, all five modules in one process, with embedded defaults and demo data.
#   - event store: SQLite file ./data/events.db
#   - bus: in-process
#   - read models: FerretDB started by tools/local-infra (unless MONGODB_URL is set)
#   - auth: a local secret in ./data/dev-secret and the demo login enabled
#   - the web app (portal and console) built into apps/web/dist and served at the root URL
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

# The portal and console: build the web app when it is missing or older than its sources.
if [[ ! -f apps/web/dist/index.html ]] || [[ -n $(find apps/web/src apps/web/index.html -newer apps/web/dist/index.html -print -quit) ]]; then
  npm run build:web
fi

if [[ -z ${MONGODB_URL:-} ]]; then
  MONGODB_URL="$(tools/local-infra/up.sh mongo | sed -n 's/^MONGODB_URL=//p')"
fi
export MONGODB_URL

mkdir -p data
if [[ -z ${AUTH_JWT_SECRET:-} && -z ${AUTH_JWKS_URL:-} ]]; then
  [[ -s data/dev-secret ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >data/dev-secret
  AUTH_JWT_SECRET="$(cat data/dev-secret)"
  export AUTH_JWT_SECRET
  export AUTH_DEV_LOGIN="${AUTH_DEV_LOGIN:-true}"
fi
export EVENT_STORE_URL="${EVENT_STORE_URL:-sqlite:./data/events.db}"
export HTTP_PORT="${HTTP_PORT:-3000}"
export GONGKAI_DEMO_DATA="${GONGKAI_DEMO_DATA:-true}"

exec node -r @swc-node/register apps/standalone/src/main.ts
