# shellcheck shell=bash disable=SC2034 # variables here are used by the scripts that source this file
# Shared helpers for tools/local-infra/{up,down,status}.sh. Sourced, never run directly.
#
# Everything lives under one cache root (outside the repository):
#   $GONGKAI_CACHE_DIR (default ~/.cache/gongkai)
#     artifacts/kafka-<hash>/libs/*.jar   Kafka + deps from Maven Central (hash of kafka/pom.xml)
#     artifacts/ferretdb-<hash>/ferretdb  FerretDB binary (hash of ferretdb/{go.mod,go.sum,main.go})
#     artifacts/seaweedfs-<hash>/weed     SeaweedFS and its S3 probe (hash of seaweedfs/{go.mod,go.sum,main.go})
#     artifacts/mailpit-<version>/mailpit Mailpit (SMTP test server with an HTTP API), `go install`ed at MAILPIT_VERSION
#     conf/seaweedfs/s3.json              S3 identity (local dev-only credentials)
#     conf/kafka/                         generated server.properties, log4j2 configs
#     data/kafka/, data/ferretdb/, data/keycloak/ (Keycloak's H2 database),
#     data/seaweedfs/, data/mailpit/      server data (wiped by --fresh / GONGKAI_INFRA_FRESH=1)
#     artifacts/keycloak-<hash>/keycloak/ Keycloak server distribution (hash of keycloak/pom.xml)
#     run/*.pid                           pids of the running servers
#     logs/kafka.log, logs/ferretdb.log,
#     logs/seaweedfs.log                  server output (previous run kept as *.log.1)

LI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

CACHE_DIR="${GONGKAI_CACHE_DIR:-$HOME/.cache/gongkai}"
ARTIFACTS_DIR="$CACHE_DIR/artifacts"
CONF_DIR="$CACHE_DIR/conf"
DATA_DIR="$CACHE_DIR/data"
RUN_DIR="$CACHE_DIR/run"
LOG_DIR="$CACHE_DIR/logs"

LI_HOST=127.0.0.1
KAFKA_PORT="${GONGKAI_KAFKA_PORT:-29092}"
KAFKA_CONTROLLER_PORT="${GONGKAI_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
MONGO_PORT="${GONGKAI_MONGO_PORT:-27027}"
# Keycloak (OpenID Connect provider), only on request (`up.sh keycloak`); management interface on +1.
KEYCLOAK_PORT="${GONGKAI_KEYCLOAK_PORT:-28080}"
KEYCLOAK_MANAGEMENT_PORT="${GONGKAI_KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 1))}"
KEYCLOAK_HEAP_OPTS="${GONGKAI_KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx512m}"
KEYCLOAK_JVM_OPTS="${GONGKAI_KEYCLOAK_JVM_OPTS--XX:TieredStopAtLevel=1}"
# SeaweedFS: the S3 port; master, volume and filer HTTP ports follow it; each gRPC port is HTTP + 10000.
S3_PORT="${GONGKAI_S3_PORT:-28333}"
# Mailpit (SMTP server that keeps what it receives, for the e-mail notice tests): SMTP port, its HTTP API on +1.
MAILPIT_SMTP_PORT="${GONGKAI_MAILPIT_SMTP_PORT:-28025}"
MAILPIT_HTTP_PORT="${GONGKAI_MAILPIT_HTTP_PORT:-$((MAILPIT_SMTP_PORT + 1))}"
MAILPIT_VERSION=v1.33.1
# A second Kafka listener with TLS and SASL/PLAIN, so the clients' security settings are tested
# against a real broker (dev-only CA and credentials, generated under the cache root).
KAFKA_SECURE_PORT="${GONGKAI_KAFKA_SECURE_PORT:-$((KAFKA_PORT + 2))}"
START_TIMEOUT="${GONGKAI_INFRA_TIMEOUT:-180}"
STOP_TIMEOUT="${GONGKAI_INFRA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${GONGKAI_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# C1-only JIT: starts the broker ~30% faster on 2 cores; plenty for local use. Set to "" for full JIT.
KAFKA_JVM_OPTS="${GONGKAI_KAFKA_JVM_OPTS--XX:TieredStopAtLevel=1}"

for _v in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_SECURE_PORT MONGO_PORT KEYCLOAK_PORT KEYCLOAK_MANAGEMENT_PORT S3_PORT MAILPIT_SMTP_PORT MAILPIT_HTTP_PORT START_TIMEOUT STOP_TIMEOUT; do
  if [[ ! ${!_v} =~ ^[0-9]+$ ]]; then
    printf '[local-infra] error: %s must be a number, got "%s"\n' "$_v" "${!_v}" >&2
    exit 2
  fi
done
unset _v

KAFKA_CONF="$CONF_DIR/kafka/server.properties"
KAFKA_TLS_DIR="$CONF_DIR/kafka/tls"
KAFKA_SASL_USER=gongkai
KAFKA_SASL_PASSWORD=gongkai-local-dev-only
KAFKA_KEYSTORE_PASSWORD=gongkai-local-dev-only
KAFKA_DATA="$DATA_DIR/kafka"
MONGO_DATA="$DATA_DIR/ferretdb"
KEYCLOAK_DATA="$DATA_DIR/keycloak"
# The realms imported at Keycloak's first start (and again whenever these files change).
IDENTITY_DIR="$(cd "$LI_ROOT/../../infra/identity" && pwd)"
SEAWEED_DATA="$DATA_DIR/seaweedfs"
SEAWEED_S3_CONF="$CONF_DIR/seaweedfs/s3.json"
SEAWEED_MASTER_PORT=$((S3_PORT + 1))
SEAWEED_VOLUME_PORT=$((S3_PORT + 2))
SEAWEED_FILER_PORT=$((S3_PORT + 3))
# Local dev-only S3 credentials (the server listens on 127.0.0.1 only).
S3_ACCESS_KEY=gongkai-local
S3_SECRET_KEY=gongkai-local-dev-only-secret
S3_BUCKET=gongkai
MAILPIT_DATA="$DATA_DIR/mailpit"

log() { printf '[local-infra] %s\n' "$*" >&2; }
die() {
  printf '[local-infra] error: %s\n' "$*" >&2
  exit 1
}

ensure_dirs() { mkdir -p "$ARTIFACTS_DIR" "$CONF_DIR/kafka" "$DATA_DIR" "$RUN_DIR" "$LOG_DIR"; }

# Seconds since the epoch with milliseconds, for timings.
now_ms() { date +%s%3N; }
elapsed() { # START_MS -> "1.23s"
  local d=$(($(now_ms) - $1))
  printf '%d.%02ds' $((d / 1000)) $((d % 1000 / 10))
}

# ---------------------------------------------------------------- prerequisites

require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found (Kafka 4 needs Java 17+): apt-get install -y openjdk-17-jre-headless"
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  [[ ${v%%.*} =~ ^[0-9]+$ && ${v%%.*} -ge 17 ]] ||
    die "java ${v:-?} is too old (Kafka 4 needs Java 17+): apt-get install -y openjdk-17-jre-headless"
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found (needed once to fetch Kafka from Maven Central): apt-get install -y maven"
}

require_go() {
  command -v go >/dev/null 2>&1 ||
    die "go not found (needed once to build FerretDB, Go 1.21+): apt-get install -y golang-go (or a newer Go from backports)"
  local v
  v="$(go env GOVERSION 2>/dev/null)"
  v="${v#go}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%.*}"
  if ! [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || ((major == 1 && minor < 21)); then
    die "go ${v:-?} is too old (need Go 1.21+, which fetches the 1.24 toolchain itself): apt-get install -y golang-go from a newer release or backports"
  fi
}

# ---------------------------------------------------------------- processes

port_open() { (exec 3<>"/dev/tcp/$LI_HOST/$1") 2>/dev/null; }

# http_get PORT PATH : the raw HTTP/1.1 answer of a GET on 127.0.0.1 (status line, headers, body).
http_get() {
  (
    exec 3<>"/dev/tcp/$LI_HOST/$1" || exit 1
    printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$2" "$LI_HOST" "$1" >&3
    timeout 5 cat <&3
  ) 2>/dev/null
}

# A string that must appear in the command line of our process for NAME,
# so that a stale pid file never makes us signal an unrelated process.
proc_marker() {
  case "$1" in
  kafka) printf '%s' "kafka.Kafka $KAFKA_CONF" ;;
  ferretdb) printf '%s' "-data-dir $MONGO_DATA" ;;
  keycloak) printf '%s' "$(keycloak_home)/bin/" ;; # kc.sh, then its java (-Dkc.home.dir=…/bin/..)
  seaweedfs) printf '%s' "-dir=$SEAWEED_DATA" ;;
  mailpit) printf '%s' "--database $MAILPIT_DATA/" ;;
  *) return 1 ;;
  esac
}

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# Prints the pid of our running server NAME; fails if it is not running.
service_pid() {
  local f pid state cmdline
  f="$(pid_file "$1")"
  [[ -s $f ]] || return 1
  pid="$(<"$f")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ -n $state && $state != Z ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ $cmdline == *"$(proc_marker "$1")"* ]] || return 1
  printf '%s\n' "$pid"
}

# Keeps the previous log as NAME.log.1.
rotate_log() {
  local f="$LOG_DIR/$1.log"
  if [[ -f $f ]]; then mv -f "$f" "$f.1"; fi
}

# launch NAME CMD... : starts CMD detached in its own session (survives the
# calling shell, no controlling terminal), output to logs/NAME.log, pid to run/NAME.pid.
launch() {
  local name="$1"
  shift
  local pidf
  pidf="$(pid_file "$name")"
  rm -f "$pidf"
  rotate_log "$name"
  # fd 9 is the up.sh lock: do not let the server inherit it.
  # shellcheck disable=SC2016 # $$ and $@ are for the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" \
    </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidf ]] && return 0
    sleep 0.05
  done
  die "$name did not start; see $LOG_DIR/$name.log"
}

# stop_service NAME : SIGTERM the server's process group, wait, then SIGKILL.
stop_service() {
  local name="$1" pid t0 i
  if ! pid="$(service_pid "$name")"; then
    rm -f "$(pid_file "$name")"
    log "$name: not running"
    return 0
  fi
  t0="$(now_ms)"
  log "$name: stopping pid $pid (SIGTERM)..."
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    service_pid "$name" >/dev/null || break
    sleep 0.1
  done
  if service_pid "$name" >/dev/null; then
    log "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      service_pid "$name" >/dev/null || break
      sleep 0.1
    done
  fi
  service_pid "$name" >/dev/null && die "$name: could not stop pid $pid"
  rm -f "$(pid_file "$name")"
  log "$name: stopped in $(elapsed "$t0")"
}

# maven_fetch NAME TMPDIR OUTDIR [MVN_ARG...] : the dependencies of NAME/pom.xml from Maven Central
# into OUTDIR (through ~/.m2), run in the fresh directory TMPDIR; dies (removing TMPDIR) on failure.
maven_fetch() {
  local name="$1" tmp="$2" out="$3"
  shift 3
  rm -rf "$tmp"
  mkdir -p "$tmp"
  cp "$LI_ROOT/$name/pom.xml" "$tmp/pom.xml"
  if ! (cd "$tmp" && mvn -B -q -ntp \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    "$@" -DoutputDirectory="$out") >"$LOG_DIR/$name-provision.log" 2>&1; then
    tail -n 30 "$LOG_DIR/$name-provision.log" >&2
    rm -rf "$tmp"
    die "$name: Maven download failed; full output in $LOG_DIR/$name-provision.log"
  fi
}

# ---------------------------------------------------------------- Kafka

kafka_home() {
  local key
  key="$(sha256sum "$LI_ROOT/kafka/pom.xml" | cut -c1-16)"
  printf '%s/kafka-%s' "$ARTIFACTS_DIR" "$key"
}

provision_kafka() {
  local home tmp t0
  home="$(kafka_home)"
  [[ -f $home/.complete ]] && return 0
  require_mvn
  t0="$(now_ms)"
  log "kafka: fetching Kafka and its dependencies from Maven Central (once) into $home ..."
  tmp="$home.tmp.$$"
  maven_fetch kafka "$tmp" "$tmp/libs" -DincludeScope=runtime
  ls "$tmp"/libs/kafka_2.13-*.jar >/dev/null 2>&1 || die "kafka: kafka_2.13 jar missing after download"
  touch "$tmp/.complete"
  rm -rf "$home"
  mv "$tmp" "$home"
  log "kafka: provisioned $(find "$home/libs" -name '*.jar' | wc -l) jars in $(elapsed "$t0")"
}

kafka_version() {
  local jar
  jar="$(find "$(kafka_home)/libs" -name 'kafka_2.13-*.jar' 2>/dev/null | head -n1)"
  jar="${jar##*/kafka_2.13-}"
  printf '%s' "${jar%.jar}"
}

# JVM flags for Kafka command-line classes: small heap, fast start, warnings only.
kafka_tool_jvm() {
  printf '%s\n' -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$LI_ROOT/kafka/tools-log4j2.properties" \
    -cp "$(kafka_home)/libs/*"
}

# Runs a Kafka command-line class, e.g. kafka_tool org.apache.kafka.tools.TopicCommand --list ...
kafka_tool() {
  local jvm
  mapfile -t jvm < <(kafka_tool_jvm)
  java "${jvm[@]}" "$@"
}

# A local CA and a broker certificate for 127.0.0.1 (PKCS#12 for the broker, PEM CA for clients).
ensure_kafka_tls() {
  [[ -s $KAFKA_TLS_DIR/broker.p12 && -s $KAFKA_TLS_DIR/ca.pem ]] && return 0
  command -v openssl >/dev/null || die "kafka: openssl is needed to create the local TLS certificates (apt-get install openssl)"
  mkdir -p "$KAFKA_TLS_DIR"
  (
    cd "$KAFKA_TLS_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=gongkai local dev CA" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj "/CN=$LI_HOST" 2>/dev/null
    printf 'subjectAltName=IP:%s,DNS:localhost\n' "$LI_HOST" >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out broker.pem -days 3650 -extfile broker.ext 2>/dev/null
    openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name kafka -out broker.p12 -passout "pass:$KAFKA_KEYSTORE_PASSWORD"
  ) || die "kafka: could not create the local TLS certificates in $KAFKA_TLS_DIR"
  log "kafka: created a local CA and broker certificate in $KAFKA_TLS_DIR"
}

write_kafka_conf() { # [TARGET] (default: the broker's server.properties)
  cat >"${1:-$KAFKA_CONF}" <<EOF
# Generated by tools/local-infra/up.sh; edits are overwritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$LI_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$LI_HOST:$KAFKA_PORT,CONTROLLER://$LI_HOST:$KAFKA_CONTROLLER_PORT,SASL_SSL://$LI_HOST:$KAFKA_SECURE_PORT
advertised.listeners=PLAINTEXT://$LI_HOST:$KAFKA_PORT,SASL_SSL://$LI_HOST:$KAFKA_SECURE_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_SASL_USER="$KAFKA_SASL_PASSWORD";
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
listener.name.sasl_ssl.ssl.keystore.location=$KAFKA_TLS_DIR/broker.p12
listener.name.sasl_ssl.ssl.keystore.password=$KAFKA_KEYSTORE_PASSWORD
log.dirs=$KAFKA_DATA

num.partitions=3
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# Single node: replication factor 1 everywhere; few internal partitions so that
# the first consumer group / transaction / share group starts quickly.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=3

num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
EOF
  cat >"$CONF_DIR/kafka/tools-client.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=50000
reconnect.backoff.ms=50
reconnect.backoff.max.ms=200
EOF
}

# True when a running broker was started with another configuration than this version writes.
kafka_conf_changed() {
  [[ -f $KAFKA_CONF ]] || return 1
  ensure_kafka_tls
  write_kafka_conf "$KAFKA_CONF.next"
  if cmp -s "$KAFKA_CONF" "$KAFKA_CONF.next"; then
    rm -f "$KAFKA_CONF.next"
    return 1
  fi
  rm -f "$KAFKA_CONF.next"
  return 0
}

# Generates a Kafka cluster id (base64url of 16 random bytes, like Uuid.randomUuid()).
kafka_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ $id != -* ]] && break
  done
  printf '%s' "$id"
}

format_kafka_storage() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  local t0 id
  t0="$(now_ms)"
  id="$(kafka_cluster_id)"
  mkdir -p "$KAFKA_DATA"
  log "kafka: formatting KRaft storage (cluster id $id) ..."
  kafka_tool kafka.tools.StorageTool format --cluster-id "$id" --config "$KAFKA_CONF" \
    >>"$LOG_DIR/kafka-format.log" 2>&1 ||
    die "kafka: storage format failed; see $LOG_DIR/kafka-format.log"
  log "kafka: storage formatted in $(elapsed "$t0")"
}

start_kafka() {
  require_java
  ensure_kafka_tls
  write_kafka_conf
  format_kafka_storage
  local home
  home="$(kafka_home)"
  : >"$LOG_DIR/kafka-ready.log"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS / KAFKA_JVM_OPTS are lists of JVM flags
  launch kafka java $KAFKA_HEAP_OPTS $KAFKA_JVM_OPTS -server \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LI_ROOT/kafka/log4j2.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$home/libs/*" kafka.Kafka "$KAFKA_CONF"
}

# Real readiness check: a metadata round-trip through the Admin client
# (Kafka's own TopicCommand --list). To hide the tool JVM's start-up time it is
# launched in the background right away and keeps retrying the connection until
# the broker listens; kafka_ready only polls it (non-blocking).
KAFKA_PROBE_PID=""

kafka_probe_start() {
  local jvm
  mapfile -t jvm < <(kafka_tool_jvm)
  timeout 60 java "${jvm[@]}" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$LI_HOST:$KAFKA_PORT" \
    --command-config "$CONF_DIR/kafka/tools-client.properties" --list \
    </dev/null >/dev/null 2>>"$LOG_DIR/kafka-ready.log" 9>&- &
  KAFKA_PROBE_PID=$!
}

kafka_probe_stop() {
  if [[ -n $KAFKA_PROBE_PID ]]; then
    kill "$KAFKA_PROBE_PID" 2>/dev/null || true
    wait "$KAFKA_PROBE_PID" 2>/dev/null || true
    KAFKA_PROBE_PID=""
  fi
}

kafka_ready() {
  if [[ -z $KAFKA_PROBE_PID ]]; then
    kafka_probe_start
    return 1
  fi
  local state rc=0
  state="$(awk '{print $3}' "/proc/$KAFKA_PROBE_PID/stat" 2>/dev/null)" || state=""
  if [[ -n $state && $state != Z ]]; then
    return 1 # probe still running
  fi
  wait "$KAFKA_PROBE_PID" || rc=$?
  KAFKA_PROBE_PID=""
  if ((rc == 0)) && port_open "$KAFKA_PORT"; then
    return 0
  fi
  kafka_probe_start # failed (e.g. timed out): try again
  return 1
}

# ---------------------------------------------------------------- FerretDB

# The cache key of a Go wrapper module in DIR (ferretdb, seaweedfs): its go.mod, go.sum and main.go.
go_module_key() {
  cat "$LI_ROOT/$1/go.mod" "$LI_ROOT/$1/go.sum" "$LI_ROOT/$1/main.go" | sha256sum | cut -c1-16
}

ferretdb_bin() { printf '%s/ferretdb-%s/ferretdb' "$ARTIFACTS_DIR" "$(go_module_key ferretdb)"; }

provision_ferretdb() {
  local bin dir tmp t0
  bin="$(ferretdb_bin)"
  [[ -x $bin ]] && return 0
  require_go
  t0="$(now_ms)"
  dir="$(dirname "$bin")"
  mkdir -p "$dir"
  tmp="$bin.tmp.$$"
  log "ferretdb: building FerretDB (once, ~1-2 min on 2 cores) into $bin ..."
  if ! (cd "$LI_ROOT/ferretdb" && GOWORK=off CGO_ENABLED=0 \
    go build -mod=readonly -buildvcs=false -trimpath -o "$tmp" .) >"$LOG_DIR/ferretdb-build.log" 2>&1; then
    tail -n 30 "$LOG_DIR/ferretdb-build.log" >&2
    rm -f "$tmp"
    die "ferretdb: go build failed; full output in $LOG_DIR/ferretdb-build.log"
  fi
  mv -f "$tmp" "$bin"
  log "ferretdb: built in $(elapsed "$t0")"
}

start_ferretdb() {
  mkdir -p "$MONGO_DATA"
  launch ferretdb "$(ferretdb_bin)" -listen-addr "$LI_HOST:$MONGO_PORT" -data-dir "$MONGO_DATA"
}

mongo_url() { printf 'mongodb://%s:%s/' "$LI_HOST" "$MONGO_PORT"; }

# Real readiness check: ping + listDatabases with the MongoDB Go driver.
ferretdb_ready() {
  port_open "$MONGO_PORT" || return 1
  "$(ferretdb_bin)" -ping "$(mongo_url)" >/dev/null 2>>"$LOG_DIR/ferretdb-ready.log"
}

# ---------------------------------------------------------------- Keycloak

keycloak_artifact() {
  local key
  key="$(sha256sum "$LI_ROOT/keycloak/pom.xml" | cut -c1-16)"
  printf '%s/keycloak-%s' "$ARTIFACTS_DIR" "$key"
}

keycloak_home() { printf '%s/keycloak' "$(keycloak_artifact)"; }

keycloak_version() { sed -n 's/^Keycloak - Version //p' "$(keycloak_home)/version.txt" 2>/dev/null; }

keycloak_issuer() { printf 'http://%s:%s/realms/gongkai' "$LI_HOST" "$KEYCLOAK_PORT"; }

# Fetches the server distribution (a zip on Maven Central) once and unpacks it.
provision_keycloak() {
  local dir tmp t0
  dir="$(keycloak_artifact)"
  [[ -f $dir/.complete ]] && return 0
  require_mvn
  command -v unzip >/dev/null 2>&1 || die "unzip not found (needed once to unpack Keycloak): apt-get install -y unzip"
  t0="$(now_ms)"
  log "keycloak: fetching the Keycloak server distribution from Maven Central (once, ~180 MB) into $dir ..."
  tmp="$dir.tmp.$$"
  maven_fetch keycloak "$tmp" "$tmp/dist"
  local zip
  zip="$(find "$tmp/dist" -name 'keycloak-quarkus-dist-*.zip' | head -n1)"
  [[ -n $zip ]] || die "keycloak: keycloak-quarkus-dist zip missing after download"
  unzip -q "$zip" -d "$tmp/unpacked" || die "keycloak: could not unpack $zip"
  mv "$tmp"/unpacked/keycloak-* "$tmp/keycloak"
  rm -rf "$tmp/dist" "$tmp/unpacked"
  [[ -x $tmp/keycloak/bin/kc.sh ]] || die "keycloak: bin/kc.sh missing after unpacking"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  log "keycloak: provisioned Keycloak $(keycloak_version) in $(elapsed "$t0")"
}

# The realm files' fingerprint; the database is rebuilt (realms imported anew) when it changes.
keycloak_realm_hash() { cat "$IDENTITY_DIR"/*.json | sha256sum | cut -c1-16; }

keycloak_realm_changed() {
  [[ -d $KEYCLOAK_DATA ]] || return 1
  [[ $(cat "$KEYCLOAK_DATA/realm.sha256" 2>/dev/null) != "$(keycloak_realm_hash)" ]]
}

start_keycloak() {
  require_java
  local home
  home="$(keycloak_home)"
  if keycloak_realm_changed; then
    log "keycloak: the realm files in infra/identity changed; importing them into a new database"
    rm -rf "$KEYCLOAK_DATA"
  fi
  mkdir -p "$KEYCLOAK_DATA"
  # --import-realm reads <home>/data/import; realms that already exist are left as they are.
  rm -rf "$home/data/import"
  mkdir -p "$home/data/import"
  cp "$IDENTITY_DIR"/*.json "$home/data/import/"
  keycloak_realm_hash >"$KEYCLOAK_DATA/realm.sha256"
  # Development mode on loopback: HTTP, H2 database file under the data dir, the issuer pinned to
  # 127.0.0.1 (so tokens fetched through "localhost" carry the same `iss`), no admin user unless
  # KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD are set in the environment.
  JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP_OPTS" JAVA_OPTS_APPEND="$KEYCLOAK_JVM_OPTS" \
    launch keycloak "$home/bin/kc.sh" start-dev \
    --http-host="$LI_HOST" --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
    --hostname="http://$LI_HOST:$KEYCLOAK_PORT" \
    --db=dev-file --db-url="jdbc:h2:file:$KEYCLOAK_DATA/keycloakdb;NON_KEYWORDS=VALUE" \
    --import-realm
}

# Real readiness check: the realm's discovery document over HTTP, naming the expected issuer.
keycloak_ready() {
  port_open "$KEYCLOAK_PORT" || return 1
  local body
  body="$(http_get "$KEYCLOAK_PORT" /realms/gongkai/.well-known/openid-configuration)" || return 1
  [[ $body == "HTTP/1.1 200"* && $body == *"\"issuer\":\"$(keycloak_issuer)\""* ]]
}

# ---------------------------------------------------------------- SeaweedFS (S3)

seaweedfs_dir() { printf '%s/seaweedfs-%s' "$ARTIFACTS_DIR" "$(go_module_key seaweedfs)"; }

seaweedfs_version() {
  sed -n 's|^[[:space:]]*github.com/seaweedfs/seaweedfs \(v[^ ]*\)$|\1|p' "$LI_ROOT/seaweedfs/go.mod"
}

# Builds upstream's `weed` and our S3 probe from the wrapper module in seaweedfs/ (once per version).
provision_seaweedfs() {
  local dir tmp t0
  dir="$(seaweedfs_dir)"
  [[ -x $dir/weed && -x $dir/seaweedfs-probe ]] && return 0
  require_go
  t0="$(now_ms)"
  tmp="$dir.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "seaweedfs: building SeaweedFS $(seaweedfs_version) (once, ~4-10 min on 2 cores) into $dir ..."
  if ! (cd "$LI_ROOT/seaweedfs" && export GOWORK=off CGO_ENABLED=0 &&
    go build -mod=readonly -buildvcs=false -trimpath -ldflags='-s -w' -o "$tmp/weed" github.com/seaweedfs/seaweedfs/weed &&
    go build -mod=readonly -buildvcs=false -trimpath -ldflags='-s -w' -o "$tmp/seaweedfs-probe" .) \
    >"$LOG_DIR/seaweedfs-build.log" 2>&1; then
    tail -n 30 "$LOG_DIR/seaweedfs-build.log" >&2
    rm -rf "$tmp"
    die "seaweedfs: go build failed; full output in $LOG_DIR/seaweedfs-build.log"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  log "seaweedfs: built in $(elapsed "$t0")"
}

write_seaweedfs_s3_conf() {
  mkdir -p "$(dirname "$SEAWEED_S3_CONF")"
  cat >"$SEAWEED_S3_CONF" <<EOF
{
  "identities": [
    {
      "name": "gongkai",
      "credentials": [{ "accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY" }],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
}

# One process: master, volume server, filer and the S3 gateway, all on 127.0.0.1; the extra
# listeners upstream enables by default (Iceberg, Lance) and its telemetry are off. A single master
# needs no 10 s election timeout, and a volume server with no peers no 10 s pre-stop wait.
start_seaweedfs() {
  mkdir -p "$SEAWEED_DATA"
  write_seaweedfs_s3_conf
  launch seaweedfs "$(seaweedfs_dir)/weed" server \
    -ip="$LI_HOST" -ip.bind="$LI_HOST" -dir="$SEAWEED_DATA" \
    -master.port="$SEAWEED_MASTER_PORT" -master.port.grpc=$((SEAWEED_MASTER_PORT + 10000)) \
    -master.volumeSizeLimitMB=1024 -master.telemetry=false -master.electionTimeout=1s \
    -volume.port="$SEAWEED_VOLUME_PORT" -volume.port.grpc=$((SEAWEED_VOLUME_PORT + 10000)) -volume.max=0 \
    -volume.preStopSeconds=0 \
    -filer.port="$SEAWEED_FILER_PORT" -filer.port.grpc=$((SEAWEED_FILER_PORT + 10000)) \
    -s3 -s3.port="$S3_PORT" -s3.port.grpc=$((S3_PORT + 10000)) -s3.port.iceberg=0 -s3.port.lance=0 \
    -s3.config="$SEAWEED_S3_CONF"
}

s3_endpoint() { printf 'http://%s:%s' "$LI_HOST" "$S3_PORT"; }

s3_settings() {
  printf 'S3_ENDPOINT=%s\nS3_REGION=us-east-1\nS3_ACCESS_KEY_ID=%s\nS3_SECRET_ACCESS_KEY=%s' \
    "$(s3_endpoint)" "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
}

# Real readiness check: a signed S3 round trip (create and list the bucket, put and get an object).
seaweedfs_ready() {
  port_open "$S3_PORT" || return 1
  "$(seaweedfs_dir)/seaweedfs-probe" -endpoint "$(s3_endpoint)" -bucket "$S3_BUCKET" \
    -access-key "$S3_ACCESS_KEY" -secret-key "$S3_SECRET_KEY" >/dev/null 2>>"$LOG_DIR/seaweedfs-ready.log"
}

# ---------------------------------------------------------------- Mailpit (SMTP)

mailpit_bin() { printf '%s/mailpit-%s/mailpit' "$ARTIFACTS_DIR" "$MAILPIT_VERSION"; }

# Builds upstream's command at the pinned version from the Go module proxy (once per version;
# the download is checked against the Go checksum database).
provision_mailpit() {
  local bin dir tmp t0
  bin="$(mailpit_bin)"
  [[ -x $bin ]] && return 0
  require_go
  t0="$(now_ms)"
  dir="$(dirname "$bin")"
  tmp="$dir.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "mailpit: building Mailpit $MAILPIT_VERSION (once, ~2-5 min on 2 cores) into $dir ..."
  if ! (cd "$tmp" && GOWORK=off CGO_ENABLED=0 GOBIN="$tmp" \
    go install -buildvcs=false -trimpath -ldflags='-s -w' "github.com/axllent/mailpit@$MAILPIT_VERSION") \
    >"$LOG_DIR/mailpit-build.log" 2>&1; then
    tail -n 30 "$LOG_DIR/mailpit-build.log" >&2
    rm -rf "$tmp"
    die "mailpit: go install failed; full output in $LOG_DIR/mailpit-build.log"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  log "mailpit: built in $(elapsed "$t0")"
}

start_mailpit() {
  mkdir -p "$MAILPIT_DATA"
  # Keeps the last 5000 messages; accepts any SMTP login (tests only: loopback, no relay).
  launch mailpit "$(mailpit_bin)" --smtp "$LI_HOST:$MAILPIT_SMTP_PORT" --listen "$LI_HOST:$MAILPIT_HTTP_PORT" \
    --database "$MAILPIT_DATA/mailpit.db" --max 5000 --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check
}

mailpit_api() { printf 'http://%s:%s/api/v1' "$LI_HOST" "$MAILPIT_HTTP_PORT"; }

mailpit_settings() { printf 'SMTP_URL=smtp://%s:%s\nMAILPIT_API=%s' "$LI_HOST" "$MAILPIT_SMTP_PORT" "$(mailpit_api)"; }

# Real readiness check: the SMTP greeting, then the API's info document (version and message count,
# read from the database) over HTTP.
mailpit_ready() {
  port_open "$MAILPIT_HTTP_PORT" || return 1
  local greeting body
  greeting="$(
    exec 3<>"/dev/tcp/$LI_HOST/$MAILPIT_SMTP_PORT" || exit 1
    timeout 2 head -n1 <&3
  )" 2>/dev/null || return 1
  [[ $greeting == 220* ]] || return 1
  body="$(http_get "$MAILPIT_HTTP_PORT" /api/v1/info)" || return 1
  [[ $body == "HTTP/1.1 200"* && $body == *'"Version":"'* && $body == *'"Messages":'* ]]
}

# ---------------------------------------------------------------- misc

# Normalises the service argument to a list of internal names.
parse_target() {
  case "${1:-all}" in
  all) echo "kafka ferretdb" ;;
  kafka) echo "kafka" ;;
  mongo | mongodb | ferretdb) echo "ferretdb" ;;
  keycloak) echo "keycloak" ;;
  s3 | seaweedfs) echo "seaweedfs" ;;
  mail | mailpit | smtp) echo "mailpit" ;;
  *) return 1 ;;
  esac
}
