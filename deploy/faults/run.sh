#!/usr/bin/env bash
# The fault suite (docs/reliability.md): starts the local stack (the five packaged services, each in its own JVM, and
# the infrastructure, the KRaft broker and the Mongo-wire server, in another), sends web requests at a steady rate and
# has an agent answer WhatsApp conversations, while, in turn, it kills the broker+store process (SIGKILL) and starts it
# again, kills each service (SIGKILL) and starts it again, pauses the broker+store process (SIGSTOP, then SIGCONT),
# and writes poison records (invalid JSON, an unknown version, a missing field) to every partition of
# intake.request-received.v1. Then it checks from the outside: every request answered 202 is one ticket on its level
# queue, no request is two tickets, each ticket's lifecycle events are in version order, every answer an agent saved
# reached the (fake) provider exactly once, each poison record was dead-lettered by each consumer with its reason and
# the rest flowed, and new requests reached their queues within 30 s of each restart. Prints a table on standard
# error, then one JSON line (the last line of standard output); exits 1 when a check failed. About 15 minutes with the
# defaults, plus the stack's start.
#
#   deploy/faults/run.sh [--build]     --build: package everything again first
#   deploy/faults/run.sh | tail -n 1 > result.json
#
# Settings (environment variables):
#   NUMI_FAULTS_RATE                5      web requests/s, all along
#   NUMI_FAULTS_WARMUP              30     seconds of load before the first fault
#   NUMI_FAULTS_SETTLE              30     seconds of load after each fault's flow is back, before the next
#   NUMI_FAULTS_INFRA_DOWN          30     seconds the broker+store process stays dead
#   NUMI_FAULTS_PAUSE               60     seconds the broker+store process stays stopped (SIGSTOP)
#   NUMI_FAULTS_SERVICES            "intake-service triage-service ticket-service urgency-service feedback-service"
#                                          the services killed and restarted, in turn
#   NUMI_FAULTS_POISON_ROUNDS       1      rounds of poison records (3 kinds × every partition each)
#   NUMI_FAULTS_CONVERSATION_EVERY  15     seconds between two WhatsApp conversations an agent answers (0: none)
#   NUMI_FAULTS_DRAIN               300    seconds at most, after the load, for the backlog and the answers
#   NUMI_FAULTS_READY_TIMEOUT       600    seconds a process may take to be ready, at the start and after a kill
#   NUMI_KAFKA_PARTITIONS           6      partitions of the topics
#   NUMI_SERVICE_JAVA_OPTS / NUMI_INFRA_JAVA_OPTS / NUMI_FAULTS_JAVA_OPTS   JVM flags, as in deploy/bench/pipeline.sh
#
# Other sessions on the same machine: run it under `flock /tmp/numi-stack.lock deploy/faults/run.sh`.
# Not part of `./mvnw verify` (its short version, FaultSuiteIT, is). Logs: deploy/target/e2e-logs/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION="$(awk '/<artifactId>numi<\/artifactId>/ { found = 1 } found && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml)"

build=false
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) printf 'run.sh: unknown argument %s (see --help)\n' "$arg" >&2; exit 2 ;;
  esac
done

for module in deploy intake-service triage-service ticket-service urgency-service feedback-service; do
  [[ -f "$module/target/$module-$VERSION.jar" ]] || build=true
done
if $build; then
  echo "run.sh: packaging numi (./mvnw -B -q -DskipTests package)" >&2
  ./mvnw -B -q -DskipTests package
fi
# The suite lives in deploy's test sources; -DskipTests also skips fetching the browser tests' axe-core.
./mvnw -B -q -DskipTests -pl deploy test-compile dependency:build-classpath -Dmdep.outputFile=target/faults-classpath.txt

# The stack's JVM flags: the local run's (fr.numi.deploy.stack.LocalStack), unless set here.
stack_jvm=()
[[ -n "${NUMI_SERVICE_JAVA_OPTS:-}" ]] && stack_jvm+=("-Dnumi.stack.jvm=$NUMI_SERVICE_JAVA_OPTS")
[[ -n "${NUMI_INFRA_JAVA_OPTS:-}" ]] && stack_jvm+=("-Dnumi.stack.infra.jvm=$NUMI_INFRA_JAVA_OPTS")
# shellcheck disable=SC2086 # NUMI_FAULTS_JAVA_OPTS is a list of flags
exec java ${NUMI_FAULTS_JAVA_OPTS:--Xmx512m} \
  -Dorg.slf4j.simpleLogger.log.org.mongodb.driver=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn \
  "-Dnumi.stack.ready-seconds=${NUMI_FAULTS_READY_TIMEOUT:-600}" "${stack_jvm[@]}" \
  -cp "deploy/target/test-classes:deploy/target/classes:$(cat deploy/target/faults-classpath.txt)" \
  fr.numi.deploy.faults.FaultSuite "$ROOT"
