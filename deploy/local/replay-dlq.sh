#!/usr/bin/env bash
# Writes the records of a dead-letter topic back to the topic they came from, once their cause is fixed
# (docs/operations.md, "Dead letters: read, fix, replay"):
#
#   deploy/local/replay-dlq.sh <topic>.<group>.dlq [--dry-run] [--partition N] [--from-offset N]
#
#   --dry-run        list what would be written back, write nothing
#   --partition N    only the dead letters of partition N of the dead-letter topic
#   --from-offset N  only from offset N on (of every partition, or of --partition N)
#
# Each record goes back unchanged: its key (so it lands on its key's partition, behind that ticket's or that person's
# other events, as the Java clients place it), its value byte for byte, and its headers minus the dead-letter ones
# (x-exception-*, x-original-*). Every consumer group of that topic reads it again; consumers know an event by
# ce_source + ce_id and ignore one they applied, so replaying twice is harmless. A record that fails again lands on the
# dead-letter topic again, at a new offset: the last offsets replayed are printed, for --from-offset next time.
#
# Environment: NUMI_KAFKA_BOOTSTRAP (default 127.0.0.1:9092); KCAT_OPTS, more kcat options for a secured cluster, e.g.
# KCAT_OPTS="-X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=... -X sasl.password=...".
# Needs kcat and jq (Debian: apt-get install kcat jq).
set -euo pipefail

fail() { printf 'replay-dlq: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

DLQ="" DRY_RUN=false PARTITION="" FROM=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) DRY_RUN=true ;;
    --partition) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; PARTITION="$2"; shift ;;
    --from-offset) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; FROM="$2"; shift ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) [[ -z "$DLQ" ]] || usage; DLQ="$1" ;;
  esac
  shift
done
[[ -n "$DLQ" ]] || usage
[[ "$DLQ" == *.dlq ]] || fail "$DLQ is not a dead-letter topic (<topic>.<group>.dlq)"
command -v kcat >/dev/null || fail "kcat is not on the PATH (apt-get install kcat)"
command -v jq >/dev/null || fail "jq is not on the PATH (apt-get install jq)"

BROKERS="${NUMI_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
read -r -a OPTS <<< "${KCAT_OPTS:-}"
kc() { kcat -b "$BROKERS" "${OPTS[@]}" "$@"; }
# <source topic>.<group>.dlq: the group is a service name, without dots.
DEFAULT_SOURCE="${DLQ%.*.dlq}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Every dead letter up to the end of the topic now, as one JSON line each: partition, offset, key, headers.
SELECT=(-t "$DLQ" -o "${FROM:-beginning}")
[[ -n "$PARTITION" ]] && SELECT+=(-p "$PARTITION")
kc -C -q -e -J "${SELECT[@]}" > "$WORK/records.json" 2> "$WORK/read.log" \
  || fail "cannot read $DLQ from $BROKERS: $(tr '\n' ' ' < "$WORK/read.log")"

replayed=0
declare -A last=()
while IFS= read -r line; do
  partition=$(jq -r .partition <<< "$line")
  offset=$(jq -r .offset <<< "$line")
  # Headers come as [name, value, name, value, ...]; the dead-letter ones stay behind.
  source=$(jq -r '.headers // [] | . as $h | [range(0; length; 2) | select($h[.] == "x-original-topic") | $h[. + 1]] | last // empty' <<< "$line")
  source="${source:-$DEFAULT_SOURCE}"
  mapfile -t headers < <(jq -r '.headers // [] | . as $h | range(0; length; 2)
      | select(($h[.] | startswith("x-exception-") or startswith("x-original-") or startswith("x-key-exception-")) | not)
      | "-H", "\($h[.])=\($h[. + 1])"' <<< "$line")
  describe=$(jq -r '.headers // [] | . as $h | [range(0; length; 2) | {key: $h[.], value: $h[. + 1]}] | from_entries
      | "ce_type=\(.ce_type // "-") ce_id=\(.ce_id // "-") ticket=\(.ce_subject // "-") reason=\(."x-exception-message" // "-")"' <<< "$line")
  if $DRY_RUN; then
    printf 'would replay %s %s@%s -> %s %s\n' "$DLQ" "$partition" "$offset" "$source" "$describe"
  else
    # The value byte for byte (JSON output would not carry every byte), then written with the same key.
    kc -C -q -e -t "$DLQ" -p "$partition" -o "$offset" -c 1 -f '%s' > "$WORK/value"
    key=()
    if [[ "$(jq -r '.key == null' <<< "$line")" == false ]]; then
      key=(-k "$(jq -r .key <<< "$line")")
    fi
    kc -P -q -t "$source" -X partitioner=murmur2_random "${key[@]}" "${headers[@]}" "$WORK/value" \
      || fail "could not write $DLQ $partition@$offset back to $source (replayed so far: $replayed)"
    printf 'replayed %s %s@%s -> %s %s\n' "$DLQ" "$partition" "$offset" "$source" "$describe"
  fi
  replayed=$((replayed + 1))
  last[$partition]=$offset
done < "$WORK/records.json"

if [[ $replayed -eq 0 ]]; then
  printf 'nothing to replay on %s\n' "$DLQ"
  exit 0
fi
offsets=""
for p in $(printf '%s\n' "${!last[@]}" | sort -n); do offsets+=" partition $p: ${last[$p]}"; done
if $DRY_RUN; then
  printf '%d record(s) would be replayed; last offsets:%s\n' "$replayed" "$offsets"
else
  printf '%d record(s) replayed; last offsets:%s (next time: --from-offset <last + 1>)\n' "$replayed" "$offsets"
fi
