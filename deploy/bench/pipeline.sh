#!/usr/bin/env bash
# The pipeline benchmark (docs/performance.md): starts the local stack (the five packaged services, each in its
# own JVM, and the infrastructure, a real KRaft broker and the Mongo-wire server, in another), sends web requests
# at fixed rates then flat out, each with its own contact, red buttons beside them, times each ticket from its 202
# to its level-queue record, samples the CPU and memory of every process, and prints a table, then one JSON line
# (the last line of standard output; progress goes to standard error). About (warm-up + number of phases x
# (duration + up to the drain)) plus a minute or two to start; the defaults take 10 to 15 minutes.
#
#   deploy/bench/pipeline.sh [--build]     --build: package everything again first
#   deploy/bench/pipeline.sh | tail -n 1 > result.json
#
# Settings (environment variables):
#   NUMI_BENCH_RATES                  "10 20 50 100 150 300"  ordinary requests/s, one phase each (0: red buttons only)
#   NUMI_BENCH_DURATION               60     seconds each phase sends
#   NUMI_BENCH_WARMUP                 30     seconds of warm-up at the first non-zero rate, not measured (0: none)
#   NUMI_BENCH_FLAT_OUT               true   a last phase flat out: NUMI_BENCH_FLAT_OUT_CONCURRENCY requests in flight
#   NUMI_BENCH_FLAT_OUT_CONCURRENCY   64
#   NUMI_BENCH_RED_BUTTONS            2      red-button requests/s in every phase, beside the ordinary ones
#   NUMI_BENCH_DRAIN                  60     seconds at most after a phase for its backlog to clear (at least 10)
#   NUMI_BENCH_MAX_IN_FLIGHT          2000   unanswered requests the generator allows; beyond, it counts "not-sent"
#   NUMI_INTAKE_RATE_LIMIT_ENABLED    false  intake's rate limits (20 keyless requests a minute per caller): off
#                                            for the benchmark, which posts from one address; true to measure them
#   NUMI_<SERVICE>_INSTANCES          1      instances of a service (NUMI_TRIAGE_INSTANCES=2, NUMI_TICKET_INSTANCES=2)
#   NUMI_KAFKA_PARTITIONS             6      partitions of the topics (instances split them)
#   NUMI_CONSUMER_CONCURRENCY         1      consumer threads per input and instance
#   NUMI_SERVICE_JAVA_OPTS            the local run's  the services' JVM flags (C1 only: on 2 cores, the full
#                                            JIT's compiler threads took a third of the CPU; docs/performance.md)
#   NUMI_INFRA_JAVA_OPTS              the local run's  the infrastructure's JVM flags (both in docs/operations.md)
#   NUMI_BENCH_JAVA_OPTS              "-Xmx768m"  the benchmark's own JVM (load generator and Kafka reader)
#
# Not part of `./mvnw verify`. Logs of the services and the infrastructure: deploy/target/e2e-logs/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION="$(awk '/<artifactId>numi<\/artifactId>/ { found = 1 } found && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml)"

build=false
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) printf 'pipeline.sh: unknown argument %s (see --help)\n' "$arg" >&2; exit 2 ;;
  esac
done

for module in deploy intake-service triage-service ticket-service urgency-service feedback-service; do
  [[ -f "$module/target/$module-$VERSION.jar" ]] || build=true
done
if $build; then
  echo "pipeline.sh: packaging numi (./mvnw -B -q -DskipTests package)" >&2
  ./mvnw -B -q -DskipTests package
fi
# The benchmark lives in deploy's test sources; -DskipTests also skips fetching the browser tests' axe-core.
./mvnw -B -q -DskipTests -pl deploy test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt

export NUMI_INTAKE_RATE_LIMIT_ENABLED="${NUMI_INTAKE_RATE_LIMIT_ENABLED:-false}"
# The stack's JVM flags: the local run's (fr.numi.deploy.stack.LocalStack), unless set here.
stack_jvm=()
[[ -n "${NUMI_SERVICE_JAVA_OPTS:-}" ]] && stack_jvm+=("-Dnumi.stack.jvm=$NUMI_SERVICE_JAVA_OPTS")
[[ -n "${NUMI_INFRA_JAVA_OPTS:-}" ]] && stack_jvm+=("-Dnumi.stack.infra.jvm=$NUMI_INFRA_JAVA_OPTS")
# shellcheck disable=SC2086 # NUMI_BENCH_JAVA_OPTS is a list of flags
exec java ${NUMI_BENCH_JAVA_OPTS:--Xmx768m} \
  "${stack_jvm[@]}" \
  -cp "deploy/target/test-classes:deploy/target/classes:$(cat deploy/target/bench-classpath.txt)" \
  fr.numi.deploy.bench.PipelineBenchmark "$ROOT"
