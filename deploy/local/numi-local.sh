#!/usr/bin/env bash
# Runs numi on this machine with embedded defaults: a real single-node Kafka broker (KRaft) and a
# MongoDB-wire server on H2, both from deploy/'s LocalInfra, then the five services, each in its
# own JVM. Ctrl-C (or `numi-local.sh stop` from another terminal) stops the services, then the
# infrastructure. See docs/operations.md.
#
#   numi-local.sh [start] [--build]   build what is missing, start everything, wait in the foreground
#   numi-local.sh stop                stop what a previous start left running
#   numi-local.sh status              say what runs and whether each service is ready
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.numi-local"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
SECRETS="$STATE/secrets.env"

ALL_SERVICES="intake-service triage-service ticket-service urgency-service feedback-service"
SERVICES="$(echo "${NUMI_SERVICES:-$ALL_SERVICES}" | tr ',' ' ')"
VERSION="$(awk '/<artifactId>numi<\/artifactId>/ { found = 1 } found && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$ROOT/pom.xml")"
INFRA_JAR="$ROOT/deploy/target/deploy-$VERSION.jar"

BIND_HOST="${NUMI_BIND_HOST:-127.0.0.1}"
KAFKA_PORT="${NUMI_KAFKA_PORT:-9092}"
MONGO_PORT="${NUMI_MONGO_PORT:-27017}"

# Measured on 2 cores (docs/operations.md): C1 only and the serial collector bring a service to
# readiness with about 40% less CPU than the JVM's defaults, and at about 155 MiB RSS instead of
# 280. The broker keeps the full JIT: it starts alone, and it is the hot path under load.
SERVICE_JAVA_OPTS="${NUMI_SERVICE_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError}"
INFRA_JAVA_OPTS="${NUMI_INFRA_JAVA_OPTS:--XX:+UseSerialGC -Xss512k -Xms64m -Xmx768m -XX:+ExitOnOutOfMemoryError}"
INFRA_TIMEOUT="${NUMI_INFRA_TIMEOUT:-90}"
SERVICE_TIMEOUT="${NUMI_SERVICE_TIMEOUT:-180}"
STOP_TIMEOUT="${NUMI_STOP_TIMEOUT:-40}"

say() { printf '%s\n' "$*"; }
fail() { printf 'numi-local: %s\n' "$*" >&2; exit 1; }

service_port() {
  local var default
  case "$1" in
    intake-service) var=NUMI_INTAKE_PORT; default=8080 ;;
    triage-service) var=NUMI_TRIAGE_PORT; default=8081 ;;
    ticket-service) var=NUMI_TICKET_PORT; default=8082 ;;
    urgency-service) var=NUMI_URGENCY_PORT; default=8083 ;;
    feedback-service) var=NUMI_FEEDBACK_PORT; default=8084 ;;
    *) fail "unknown service '$1' in NUMI_SERVICES (known: $ALL_SERVICES)" ;;
  esac
  printf '%s\n' "${!var:-$default}"
}

service_jar() { printf '%s\n' "$ROOT/$1/target/$1-$VERSION.jar"; }

# More than one instance of a service: NUMI_<SERVICE>_INSTANCES=2 starts ticket-service and ticket-service-2, the
# second on the service's port + 100, in the same consumer groups (they split the topics' partitions).
instance_count() {
  local var="NUMI_$(printf '%s' "${1%-service}" | tr '[:lower:]' '[:upper:]')_INSTANCES" n
  n="${!var:-1}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || fail "$var must be a positive number, was '$n'"
  printf '%s\n' "$n"
}

# Every instance to run, in order: "intake-service ... ticket-service ticket-service-2 ...".
instances() {
  local name i
  for name in $SERVICES; do
    printf '%s\n' "$name"
    for ((i = 2; i <= $(instance_count "$name"); i++)); do printf '%s\n' "$name-$i"; done
  done | tr '\n' ' '
}

instance_service() { printf '%s\n' "${1%-[0-9]*}"; }

instance_port() {
  local service index=1
  service="$(instance_service "$1")"
  [[ "$1" != "$service" ]] && index="${1##*-}"
  printf '%s\n' $(($(service_port "$service") + 100 * (index - 1)))
}

# The actuator's own port (health, info, metrics): NUMI_<SERVICE>_MANAGEMENT_PORT, by default the service's port + 1000,
# + 100 per further instance as for the main port.
management_port() {
  local service index=1 var
  service="$(instance_service "$1")"
  [[ "$1" != "$service" ]] && index="${1##*-}"
  var="NUMI_$(printf '%s' "${service%-service}" | tr '[:lower:]' '[:upper:]')_MANAGEMENT_PORT"
  printf '%s\n' $((${!var:-$(($(service_port "$service") + 1000))} + 100 * (index - 1)))
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

now_ms() {
  local t
  t="$(date +%s%3N)"
  if [[ "$t" =~ ^[0-9]+$ ]]; then printf '%s\n' "$t"; else printf '%s000\n' "$(date +%s)"; fi
}

# A pid file names a process of ours only while that process still runs what we started.
pid_alive() {
  local pid="$1" marker="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= 2>/dev/null | grep -qF -- "$marker"
}

read_pid() {
  if [[ -f "$PIDS/$1.pid" ]]; then cat "$PIDS/$1.pid"; fi
}

marker_of() {
  case "$1" in
    supervisor) printf 'numi-local.sh\n' ;;
    infra) printf '%s\n' "$INFRA_JAR" ;;
    *) service_jar "$(instance_service "$1")" ;;
  esac
}

# SIGTERM, wait for the exit (the JVMs run their shutdown hooks), SIGKILL after STOP_TIMEOUT.
stop_names() {
  local name pid waited=0 alive
  local -a pids=()
  for name in "$@"; do
    pid="$(read_pid "$name")"
    if pid_alive "$pid" "$(marker_of "$name")"; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  while ((${#pids[@]})); do
    alive=()
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null && alive+=("$pid")
    done
    pids=("${alive[@]+"${alive[@]}"}")
    ((${#pids[@]})) || break
    if ((waited >= STOP_TIMEOUT * 10)); then
      say "still running after ${STOP_TIMEOUT}s, killing: ${pids[*]}"
      kill -KILL "${pids[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for name in "$@"; do rm -f "$PIDS/$name.pid"; done
}

stop_all() {
  # Services first, so that they flush to Kafka and Mongo while both are still there.
  local file names=""
  for file in "$PIDS"/*.pid; do
    [[ -e "$file" ]] || continue
    file="$(basename "$file" .pid)"
    [[ "$file" == infra || "$file" == supervisor ]] || names+=" $file"
  done
  # shellcheck disable=SC2086
  [[ -z "$names" ]] || stop_names $names
  stop_names infra
}

cmd_stop() {
  local pid waited=0
  pid="$(read_pid supervisor)"
  if pid_alive "$pid" numi-local.sh && [[ "$pid" != "$$" ]]; then
    say "asking the running numi-local.sh (pid $pid) to stop everything"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null && ((waited < (STOP_TIMEOUT * 2 + 10) * 10)); do
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  # Whatever is left (the supervisor was killed, or did not finish in time).
  stop_all
  rm -f "$PIDS/supervisor.pid"
  say "numi stopped"
}

cmd_status() {
  local name pid port state all_up=0
  pid="$(read_pid supervisor)"
  if pid_alive "$pid" numi-local.sh; then say "supervisor       running (pid $pid)"; else say "supervisor       not running"; fi
  pid="$(read_pid infra)"
  if pid_alive "$pid" "$INFRA_JAR"; then
    state="running (pid $pid)"
    port_open "$BIND_HOST" "$KAFKA_PORT" && state+=", kafka $BIND_HOST:$KAFKA_PORT up" || state+=", kafka $BIND_HOST:$KAFKA_PORT DOWN"
    port_open "$BIND_HOST" "$MONGO_PORT" && state+=", mongo $BIND_HOST:$MONGO_PORT up" || state+=", mongo $BIND_HOST:$MONGO_PORT DOWN"
  else
    state="not running"
  fi
  say "infra            $state"
  for name in $(instances); do
    port="$(instance_port "$name")"
    pid="$(read_pid "$name")"
    if pid_alive "$pid" "$(marker_of "$name")"; then
      if readiness_up "$port"; then state="ready (pid $pid, http://127.0.0.1:$port)"; else state="running, NOT ready (pid $pid, http://127.0.0.1:$port)"; all_up=3; fi
    else
      state="not running"
      all_up=3
    fi
    printf '%-16s %s\n' "$name" "$state"
  done
  return "$all_up"
}

readiness_up() {
  curl -fsS --max-time 2 "http://127.0.0.1:$1/readyz" 2>/dev/null | grep -q '"status":"UP"'
}

show_log_tail() {
  say "---- last lines of $1 ----" >&2
  tail -n "${2:-40}" "$1" >&2 || true
  say "----" >&2
}

# Keeps the previous run's log next to the new one: the one that crashed is often the interesting one.
fresh_log() {
  [[ -f "$LOGS/$1.log" ]] && mv -f "$LOGS/$1.log" "$LOGS/$1.previous.log"
  : >"$LOGS/$1.log"
  printf '%s\n' "$LOGS/$1.log"
}

start_detached() {
  local log="$1"
  shift
  # Own session: a Ctrl-C reaches this script only, which then stops everything in order.
  if command -v setsid >/dev/null; then
    setsid "$@" >>"$log" 2>&1 </dev/null &
  else
    "$@" >>"$log" 2>&1 </dev/null &
  fi
  LAST_PID=$!
}

# Secrets the services refuse to start without, generated once per checkout and kept in
# .numi-local/secrets.env (mode 600). A value already in the environment wins over the file.
#   NUMI_CUSTOMER_ID_SECRET  intake derives customer ids from it: changing it splits every history
#   NUMI_IDP_DEMO_PASSWORD   the demo agents' password on the local identity provider (shorter: people type it)
#   NUMI_PRIVACY_MASTER_KEY  wraps every customer's key in the key store: changing it makes every sealed field unreadable
GENERATED_SECRETS="NUMI_CUSTOMER_ID_SECRET NUMI_IDP_DEMO_PASSWORD NUMI_PRIVACY_MASTER_KEY"

load_secrets() {
  local name
  if [[ ! -f "$SECRETS" ]]; then
    (umask 077 && say "# Generated by deploy/local/numi-local.sh; keep it. A value set in the environment wins." >"$SECRETS")
  fi
  for name in $GENERATED_SECRETS; do
    if ! grep -q "^export $name=" "$SECRETS"; then
      local bytes=32
      [[ "$name" == NUMI_IDP_DEMO_PASSWORD ]] && bytes=8
      say "export $name=\"\${$name:-$(od -An -tx1 -N"$bytes" /dev/urandom | tr -d ' \n')}\"" >>"$SECRETS"
      say "generated $name in $SECRETS"
    fi
  done
  # shellcheck disable=SC1090
  source "$SECRETS"
}

build_if_needed() {
  local force="$1" use_infra="$2" name modules="" missing=""
  if [[ "$use_infra" == 1 ]]; then
    modules="deploy"
    [[ -f "$INFRA_JAR" ]] || missing+=" deploy"
  fi
  for name in $SERVICES; do
    modules+="${modules:+,}$name"
    [[ -f "$(service_jar "$name")" ]] || missing+=" $name"
  done
  if [[ "$force" == 1 || -n "$missing" ]]; then
    say "building ${missing:+(missing:$missing) }with ./mvnw -B -q -DskipTests package -pl $modules -am"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$modules" -am) || fail "the build failed (see above)"
  fi
}

wait_for_infra() {
  local pid="$1" log="$2" deadline=$(($(date +%s) + INFRA_TIMEOUT))
  until grep -q '^numi local infra ready: ' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$log"
      fail "the local infra exited during start-up (log: $log)"
    fi
    if (($(date +%s) >= deadline)); then
      show_log_tail "$log"
      fail "the local infra was not ready after ${INFRA_TIMEOUT}s (log: $log; raise NUMI_INFRA_TIMEOUT?)"
    fi
    sleep 0.2
  done
  port_open "$BIND_HOST" "$KAFKA_PORT" || fail "kafka does not accept connections on $BIND_HOST:$KAFKA_PORT"
  port_open "$BIND_HOST" "$MONGO_PORT" || fail "mongo does not accept connections on $BIND_HOST:$MONGO_PORT"
}

wait_for_services() {
  local deadline=$(($(date +%s) + SERVICE_TIMEOUT)) name pid port
  local -a pending still=()
  read -r -a pending <<<"$(instances)"
  while ((${#pending[@]})); do
    still=()
    for name in "${pending[@]}"; do
      port="$(instance_port "$name")"
      pid="$(read_pid "$name")"
      if readiness_up "$port"; then
        say "  $name ready on :$port after $(( ($(now_ms) - T0) / 1000 ))s"
      elif ! kill -0 "$pid" 2>/dev/null; then
        show_log_tail "$LOGS/$name.log"
        fail "$name exited during start-up (log: $LOGS/$name.log)"
      else
        still+=("$name")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if (($(date +%s) >= deadline)); then
      for name in "${pending[@]}"; do show_log_tail "$LOGS/$name.log"; done
      fail "not ready after ${SERVICE_TIMEOUT}s: ${pending[*]} (http://127.0.0.1:<port>/readyz; raise NUMI_SERVICE_TIMEOUT?)"
    fi
    sleep 0.5
  done
}

print_urls() {
  local name port
  say ""
  local build=""
  ((BUILD_MS < 1000)) || build=" (after a $((BUILD_MS / 1000)) s build)"
  say "numi is up in $(awk "BEGIN { printf \"%.1f\", ($(now_ms) - $T0) / 1000 }") s$build"
  for name in $SERVICES; do
    port="$(service_port "$name")"
    case "$name" in
      intake-service) say "  requests     POST http://127.0.0.1:$port/api/v1/requests" ;;
      ticket-service)
        say "  web portal   http://127.0.0.1:$port/  (tracking page: /suivi.html?t={trackingToken})"
        say "  console      http://127.0.0.1:$port/console/  (agents sign in on the identity provider below)"
        say "  tracking     http://127.0.0.1:$port/api/v1/tracking/{trackingToken}  (the token is in the 202 answer)" ;;
    esac
  done
  for name in $(instances); do
    printf '  %-12s http://127.0.0.1:%s/actuator/prometheus\n' "${name/-service/}" "$(management_port "$name")"
  done
  [[ -n "${MAILBOX_URL:-}" ]] && say "  mailbox      $MAILBOX_URL  (e-mails numi sent to people)"
  if [[ -n "${IDENTITY_URL:-}" ]]; then
    say "  identity     $IDENTITY_URL  (agents sign in: padawan, jedi, maitre, superviseur, dpo; password $NUMI_IDP_DEMO_PASSWORD)"
    say "               a token for curl: deploy/local/agent-token.sh l1|l2|l3|supervisor|dpo"
  fi
  say "  kafka        $NUMI_KAFKA_BOOTSTRAP"
  say "  mongo        $NUMI_MONGO_URI"
  [[ "$USE_INFRA" == 1 ]] && say "  data         $NUMI_DATA_DIR"
  say "  logs         $LOGS/"
  say "Ctrl-C (or $0 stop) stops everything."
}

# Reports a process that dies while the rest runs; the supervisor goes on with the others.
watch_processes() {
  local name pid code
  local -A reported=()
  while :; do
    local running=0
    for name in infra $(instances); do
      pid="$(read_pid "$name")"
      [[ -z "$pid" || -n "${reported[$name]:-}" ]] && continue
      if kill -0 "$pid" 2>/dev/null; then
        running=1
      else
        code=0
        wait "$pid" 2>/dev/null || code=$?
        reported[$name]=1
        say "numi-local: $name (pid $pid) exited with code $code" >&2
        show_log_tail "$LOGS/$name.log" 20
      fi
    done
    ((running)) || { say "numi-local: nothing left running"; return 0; }
    sleep 1 &
    wait $! || true
  done
}

on_exit() {
  local code=$?
  trap - EXIT
  trap '' INT TERM HUP # a second Ctrl-C must not cut the orderly stop short
  if [[ "${STARTED:-0}" == 1 ]]; then
    say ""
    stop_all
    rm -f "$PIDS/supervisor.pid"
    say "numi stopped"
  fi
  exit "$code"
}

cmd_start() {
  local force_build="$1" name pid port log
  T0="$(now_ms)"
  command -v java >/dev/null || fail "java is not on the PATH (Java 17+ needed)"
  command -v curl >/dev/null || fail "curl is not on the PATH (used to wait for readiness)"
  mkdir -p "$LOGS" "$PIDS"

  pid="$(read_pid supervisor)"
  if pid_alive "$pid" numi-local.sh; then
    fail "numi is already running (supervisor pid $pid): use '$0 status' or '$0 stop'"
  fi
  stop_all # leftovers of a supervisor that was killed (kill -9, closed terminal)

  # Both set by the user: the services use that Kafka and that MongoDB, no local infra.
  if [[ -n "${NUMI_KAFKA_BOOTSTRAP:-}" && -n "${NUMI_MONGO_URI:-}" ]]; then USE_INFRA=0; else USE_INFRA=1; fi
  export NUMI_KAFKA_BOOTSTRAP="${NUMI_KAFKA_BOOTSTRAP:-$BIND_HOST:$KAFKA_PORT}"
  export NUMI_MONGO_URI="${NUMI_MONGO_URI:-mongodb://$BIND_HOST:$MONGO_PORT}"
  export NUMI_DATA_DIR="${NUMI_DATA_DIR:-$STATE/data}"
  export NUMI_TRACKING_BASE_URL="${NUMI_TRACKING_BASE_URL:-http://127.0.0.1:$(service_port ticket-service)/api/v1/tracking/}"
  export NUMI_TRACKING_PAGE_URL="${NUMI_TRACKING_PAGE_URL:-http://127.0.0.1:$(service_port ticket-service)/suivi.html?t=}"
  # A person's export (intake-service, DPO) reads each service's part from its instances, tried in turn.
  local other urls instance
  for other in triage-service ticket-service urgency-service feedback-service; do
    urls=""
    for ((instance = 1; instance <= $(instance_count "$other"); instance++)); do
      urls="${urls:+$urls,}http://127.0.0.1:$(($(service_port "$other") + 100 * (instance - 1)))"
    done
    local var="NUMI_$(printf '%s' "${other%-service}" | tr '[:lower:]' '[:upper:]')_URL"
    export "$var=${!var:-$urls}"
  done
  # E-mails to people go to the local mailbox (an SMTP server in the infra process) unless an SMTP host is given.
  if [[ "$USE_INFRA" == 1 && -z "${NUMI_SMTP_HOST:-}" ]]; then
    export NUMI_SMTP_HOST="$BIND_HOST" NUMI_SMTP_PORT="${NUMI_SMTP_PORT:-3025}"
    MAILBOX_URL="http://$BIND_HOST:${NUMI_MAILBOX_PORT:-8025}/messages"
  fi
  # The pages (ticket-service) may call intake-service and the identity provider (Content-Security-Policy connect-src).
  if [[ -z "${NUMI_WEB_CONNECT_SOURCES:-}" ]]; then
    local intake_port idp_port
    intake_port="$(service_port intake-service)" idp_port="${NUMI_IDP_PORT:-9000}"
    export NUMI_WEB_CONNECT_SOURCES="http://127.0.0.1:$intake_port http://localhost:$intake_port http://127.0.0.1:$idp_port http://localhost:$idp_port"
  fi
  # Local run only: supervisors read what was kept instead of sent (no provider credentials) at GET /api/v1/outbox.
  export NUMI_OUTBOX_API="${NUMI_OUTBOX_API:-true}"
  # The local identity provider (in the infra process) unless NUMI_IDP_PORT=0 or no local infra; the services
  # accept the access tokens of its issuer, or of the one NUMI_JWT_ISSUER_URI names (e.g. the hotline's Keycloak).
  if [[ "$USE_INFRA" == 1 && "${NUMI_IDP_PORT:-9000}" != 0 ]]; then
    IDENTITY_URL="http://$BIND_HOST:${NUMI_IDP_PORT:-9000}"
    export NUMI_JWT_ISSUER_URI="${NUMI_JWT_ISSUER_URI:-$IDENTITY_URL}"
  else
    export NUMI_IDP_PORT=0
    [[ -n "${NUMI_JWT_ISSUER_URI:-}" ]] || fail "NUMI_JWT_ISSUER_URI is not set: with no local identity provider (NUMI_IDP_PORT=0 or no local infra), name the agents' OpenID Connect issuer"
  fi

  build_if_needed "$force_build" "$USE_INFRA"
  BUILD_MS=$(($(now_ms) - T0))
  T0="$(now_ms)" # the start-up time printed at the end leaves the build out
  load_secrets

  for name in $(instances); do
    port="$(instance_port "$name")"
    port_open 127.0.0.1 "$port" && fail "port $port ($name) is taken: is numi already running? ($0 status)"
    port_open 127.0.0.1 "$(management_port "$name")" && fail "port $(management_port "$name") ($name, management) is taken: is numi already running? ($0 status)"
  done
  if [[ "$USE_INFRA" == 1 ]]; then
    for port in "$KAFKA_PORT" "${NUMI_KAFKA_CONTROLLER_PORT:-9093}" "$MONGO_PORT" "${NUMI_SMTP_PORT:-3025}" "${NUMI_MAILBOX_PORT:-8025}" "${NUMI_IDP_PORT:-9000}"; do
      [[ "$port" == 0 ]] && continue
      port_open "$BIND_HOST" "$port" && fail "port $port on $BIND_HOST is taken (by another Kafka or MongoDB?). Point the services at it with NUMI_KAFKA_BOOTSTRAP and NUMI_MONGO_URI, or move ours with NUMI_KAFKA_PORT, NUMI_KAFKA_CONTROLLER_PORT, NUMI_MONGO_PORT"
    done
  fi

  echo "$$" >"$PIDS/supervisor.pid"
  STARTED=1
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  if [[ "$USE_INFRA" == 1 ]]; then
    log="$(fresh_log infra)"
    say "starting local infra (kafka $NUMI_KAFKA_BOOTSTRAP, mongo $NUMI_MONGO_URI, data $NUMI_DATA_DIR)"
    # shellcheck disable=SC2086
    start_detached "$log" java $INFRA_JAVA_OPTS -jar "$INFRA_JAR"
    echo "$LAST_PID" >"$PIDS/infra.pid"
    wait_for_infra "$LAST_PID" "$log"
    say "  infra ready after $(( ($(now_ms) - T0) / 1000 ))s"
  else
    say "using kafka $NUMI_KAFKA_BOOTSTRAP and mongo $NUMI_MONGO_URI (no local infra)"
  fi

  for name in $(instances); do
    port="$(instance_port "$name")"
    log="$(fresh_log "$name")"
    say "starting $name on :$port"
    # shellcheck disable=SC2086
    start_detached "$log" java $SERVICE_JAVA_OPTS -jar "$(marker_of "$name")" "--server.port=$port" \
      "--management.server.port=$(management_port "$name")"
    echo "$LAST_PID" >"$PIDS/$name.pid"
  done
  wait_for_services
  print_urls
  watch_processes
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  say ""
  say "Environment: NUMI_SERVICES (default: $ALL_SERVICES), NUMI_KAFKA_BOOTSTRAP, NUMI_MONGO_URI,"
  say "NUMI_BIND_HOST, NUMI_KAFKA_PORT, NUMI_KAFKA_CONTROLLER_PORT, NUMI_MONGO_PORT, NUMI_DATA_DIR,"
  say "NUMI_<SERVICE>_PORT, NUMI_<SERVICE>_INSTANCES, NUMI_SERVICE_JAVA_OPTS, NUMI_INFRA_JAVA_OPTS: see docs/operations.md."
}

main() {
  local command=start force_build=0 arg
  for arg in "$@"; do
    case "$arg" in
      start | stop | status) command="$arg" ;;
      --build) force_build=1 ;;
      -h | --help | help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  for arg in $SERVICES; do service_port "$arg" >/dev/null; instance_count "$arg" >/dev/null; done
  case "$command" in
    start) cmd_start "$force_build" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
  esac
}

main "$@"
