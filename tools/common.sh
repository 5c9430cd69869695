# Shared steps of the project's entry scripts (test, start, start-services, bench). Source it from
# the repository root.

# Installs the locked dependencies when node_modules is missing or older than the lock file.
ensure_dependencies() {
  # Installs when package-lock.json differs from what node_modules was installed from (a stamp of its
  # hash, not file times: a fresh clone or worktree has a lock newer than any install).
  local wanted stamp=node_modules/.gongkai-lock-sha256
  wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ -f $stamp && $(<"$stamp") == "$wanted" ]]; then return 0; fi
  if [[ -L node_modules ]]; then
    # A shared install (a worktree's link to another checkout's node_modules): npm ci would empty the
    # other checkout's install through the link. Leave it to its owner.
    echo "node_modules is a link to a shared install; not reinstalling it (run npm ci where it lives if the lock changed)" >&2
    return 0
  fi
  npm ci --no-audit --no-fund
  echo "$wanted" >"$stamp"
}

# The portal and console: builds the web app (apps/web/dist) when it is missing or older than its sources.
ensure_web_app() {
  if [[ ! -f apps/web/dist/index.html ]] || [[ -n $(find apps/web/src apps/web/index.html -newer apps/web/dist/index.html -print -quit) ]]; then
    npm run build:web
  fi
}

# Starts the local Kafka and/or FerretDB (tools/local-infra; a setting already in the environment
# is kept) and exports the KAFKA_BROKERS / MONGODB_URL it prints.
start_local_infra() {
  local settings line
  settings="$(tools/local-infra/up.sh "${1:-all}")"
  while IFS= read -r line; do
    if [[ $line == *=* ]]; then export "${line?}"; fi
  done <<<"$settings"
}

# Without a configured way to check tokens, uses (and on first use creates) ./data/dev-secret.
# Returns 0 when it did, so a caller can enable the demo login for that case only.
use_dev_secret() {
  [[ -z ${AUTH_JWT_SECRET:-} && -z ${AUTH_JWKS_URL:-} ]] || return 1
  mkdir -p data
  [[ -s data/dev-secret ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >data/dev-secret
  AUTH_JWT_SECRET="$(cat data/dev-secret)"
  export AUTH_JWT_SECRET
}

# FerretDB keeps every database the tests create (each isolated installation has its own prefix
# `t<12 hex>`, audits and benches their own temporary ones); thousands of them make listing databases
# take minutes. While FerretDB is stopped, removes those test databases' files. Never touches the
# databases of `npm start` (prefix `gongkai`) or any other name.
prune_test_databases() {
  local dir="${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}/data/ferretdb"
  [[ -d $dir ]] || return 0
  if tools/local-infra/status.sh 2>/dev/null | grep -q '^ferretdb  running'; then return 0; fi
  find "$dir" -maxdepth 1 -type f \( -regextype posix-extended -regex '.*/t[0-9a-f]{12}-[a-z-]+\.sqlite(-shm|-wal)?' \
    -o -regex '.*/(t[0-9a-f]{12}|bench|gongkai)-audit-tmp-[0-9a-f]{12}\.sqlite(-shm|-wal)?' \) -delete
}
