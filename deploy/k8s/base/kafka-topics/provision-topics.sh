#!/bin/sh
# Creates numi's topics with production settings, or brings existing ones to them (idempotent: run it
# again after an upgrade). Run by the one-shot job of deploy/compose/compose.yaml and by the Kubernetes
# Job kafka-topics (deploy/k8s/base), with Kafka's own tools (the apache/kafka image).
#
#   KAFKA_BOOTSTRAP       brokers, e.g. kafka-1:9092,kafka-2:9092,kafka-3:9092 (required)
#   KAFKA_COMMAND_CONFIG  client properties for TLS/SASL (security.protocol=SASL_SSL, ...), optional
#   PARTITIONS            6: the most consumers of one group that can work at once
#   REPLICATION           3, with MIN_INSYNC_REPLICAS 2: an acks=all write survives one broker down
#   RETENTION_MS          14 days for events (time to replay into a repaired consumer)
#   DLQ_RETENTION_MS      28 days for dead letters (time to look at them and replay them)
#
# The topics are contracts/events/catalogue.json's and the dead-letter topics the services name
# (dlq-name in each application.yml); DeploymentManifestsTest keeps this list equal to both.
# A dead-letter topic has as many partitions as its source: the binder writes a dead letter to the
# partition number of the original record.
set -eu

: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP to the brokers}"
PARTITIONS="${PARTITIONS:-6}"
REPLICATION="${REPLICATION:-3}"
MIN_INSYNC_REPLICAS="${MIN_INSYNC_REPLICAS:-2}"
RETENTION_MS="${RETENTION_MS:-1209600000}"
DLQ_RETENTION_MS="${DLQ_RETENTION_MS:-2419200000}"
BIN="${KAFKA_BIN:-/opt/kafka/bin}"

TOPICS="
intake.request-received.v1
intake.red-button-pressed.v1
intake.feedback-received.v1
intake.delivery-status.v1
intake.contact-verified.v1
triage.request-triaged.v1
urgency.cyber-urgency-declared.v1
urgency.notification-requested.v1
ticket.lifecycle.v1
ticket.notification-requested.v1
ticket.queue-level-1.v1
ticket.queue-level-2.v1
ticket.queue-level-3.v1
ticket.triage-corrected.v1
feedback.survey-requested.v1
intake.erasure-requested.v1
intake.erasure-completed.v1
ticket.erasure-completed.v1
triage.erasure-completed.v1
urgency.erasure-completed.v1
feedback.erasure-completed.v1
"
DEAD_LETTER_TOPICS="
intake.request-received.v1.triage-service.dlq
intake.request-received.v1.ticket-service.dlq
intake.request-received.v1.urgency-service.dlq
intake.red-button-pressed.v1.ticket-service.dlq
intake.red-button-pressed.v1.urgency-service.dlq
intake.feedback-received.v1.feedback-service.dlq
intake.feedback-received.v1.ticket-service.dlq
intake.contact-verified.v1.ticket-service.dlq
intake.delivery-status.v1.ticket-service.dlq
intake.delivery-status.v1.urgency-service.dlq
triage.request-triaged.v1.ticket-service.dlq
triage.request-triaged.v1.urgency-service.dlq
urgency.cyber-urgency-declared.v1.ticket-service.dlq
urgency.cyber-urgency-declared.v1.feedback-service.dlq
urgency.notification-requested.v1.intake-service.dlq
ticket.lifecycle.v1.feedback-service.dlq
ticket.notification-requested.v1.intake-service.dlq
ticket.triage-corrected.v1.triage-service.dlq
ticket.triage-corrected.v1.urgency-service.dlq
feedback.survey-requested.v1.intake-service.dlq
intake.erasure-requested.v1.intake-service.dlq
intake.erasure-completed.v1.intake-service.dlq
ticket.erasure-completed.v1.intake-service.dlq
intake.erasure-requested.v1.ticket-service.dlq
intake.erasure-requested.v1.triage-service.dlq
intake.erasure-requested.v1.urgency-service.dlq
intake.erasure-requested.v1.feedback-service.dlq
triage.erasure-completed.v1.intake-service.dlq
urgency.erasure-completed.v1.intake-service.dlq
feedback.erasure-completed.v1.intake-service.dlq
"

client() {
  tool=$1
  shift
  if [ -n "${KAFKA_COMMAND_CONFIG:-}" ]; then
    "$BIN/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_COMMAND_CONFIG" "$@"
  else
    "$BIN/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP" "$@"
  fi
}

provision() {
  topic=$1
  retention=$2
  if printf '%s\n' "$EXISTING" | grep -qx "$topic"; then
    current=$(client kafka-topics.sh --describe --topic "$topic" | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -1)
    if [ "${current:-0}" -lt "$PARTITIONS" ]; then
      echo "kafka-topics: $topic: $current -> $PARTITIONS partitions"
      client kafka-topics.sh --alter --topic "$topic" --partitions "$PARTITIONS"
    fi
    client kafka-configs.sh --alter --entity-type topics --entity-name "$topic" \
      --add-config "min.insync.replicas=$MIN_INSYNC_REPLICAS,retention.ms=$retention,cleanup.policy=delete,unclean.leader.election.enable=false" >/dev/null
    echo "kafka-topics: $topic exists, settings applied"
  else
    client kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" \
      --replication-factor "$REPLICATION" --config "min.insync.replicas=$MIN_INSYNC_REPLICAS" \
      --config "retention.ms=$retention" --config cleanup.policy=delete --config unclean.leader.election.enable=false
  fi
}

EXISTING=$(client kafka-topics.sh --list)
for topic in $TOPICS; do provision "$topic" "$RETENTION_MS"; done
for topic in $DEAD_LETTER_TOPICS; do provision "$topic" "$DLQ_RETENTION_MS"; done
echo "kafka-topics: $(echo $TOPICS | wc -w) topics and $(echo $DEAD_LETTER_TOPICS | wc -w) dead-letter topics provisioned" \
  "($PARTITIONS partitions, replication $REPLICATION, min.insync.replicas $MIN_INSYNC_REPLICAS)"
