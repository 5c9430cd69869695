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
# shellcheck source=tools/common.sh
source tools/common.sh

ensure_dependencies

# The portal and console: build the web app when it is missing or older than its sources.
if [[ ! -f apps/web/dist/index.html ]] || [[ -n $(find apps/web/src apps/web/index.html -newer apps/web/dist/index.html -print -quit) ]]; then
  npm run build:web
fi

start_local_infra mongo

if use_dev_secret; then
  export AUTH_DEV_LOGIN="${AUTH_DEV_LOGIN:-true}"
fi
export EVENT_STORE_URL="${EVENT_STORE_URL:-sqlite:./data/events.db}"
export HTTP_PORT="${HTTP_PORT:-3000}"
export GONGKAI_DEMO_DATA="${GONGKAI_DEMO_DATA:-true}"

exec node -r @swc-node/register apps/standalone/src/main.ts
