package fr.numi.deploy.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether the instances of a service shared the work and every request became one ticket, over the whole run (warm-up
 * included): the requests each instance processed from intake's topic, read from its own metrics (its listener's
 * observations, {@code spring_kafka_listener_seconds_count} without error), against the requests intake accepted; and
 * the tickets that never reached a level queue or reached one twice.
 *
 * @param accepted requests intake accepted (red buttons included: they are on intake's topic too)
 * @param processed per service, the records of {@link #TOPIC} each of its instances processed, in instance order
 * @param neverQueued accepted tickets no level queue shows
 * @param queuedMoreThanOnce accepted ordinary tickets with more than one event on the level queues (one each is expected:
 *     nothing in the benchmark escalates or reopens a ticket)
 */
record ScaleOut(int accepted, Map<String, List<Long>> processed, int neverQueued, int queuedMoreThanOnce) {

    static final String TOPIC = "intake.request-received.v1";
    private static final Pattern SAMPLE = Pattern.compile("^spring_kafka_listener_seconds_count\\{(.*)} ([0-9.eE+]+)$", Pattern.MULTILINE);

    /**
     * The records of {@code topic} a service instance's listeners processed without error, from its Prometheus page
     * (label values hold braces: the listener id is the binder's {@code KafkaConsumerDestination{…}.container-0}).
     */
    static long processed(String prometheus, String topic) {
        Matcher sample = SAMPLE.matcher(prometheus);
        long total = 0;
        while (sample.find()) {
            String labels = sample.group(1);
            if (labels.contains("messaging_source_name=\"" + topic + "\"") && labels.contains("error=\"none\"")) {
                total += (long) Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }

    /** Whether every instance of every service took some of the work. */
    boolean everyInstanceWorked() {
        return processed.values().stream().flatMap(List::stream).allMatch(n -> n > 0);
    }

    String text() {
        String services = processed.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(" + "))
                        + " = " + e.getValue().stream().mapToLong(Long::longValue).sum())
                .collect(Collectors.joining("; "));
        return String.format("scale-out: %d requests accepted; processed from %s by instance: %s; never queued: %d; ordinary tickets "
                + "queued more than once: %d%n", accepted, TOPIC, services, neverQueued, queuedMoreThanOnce);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", accepted);
        json.put("processedByInstance", processed);
        json.put("everyInstanceWorked", everyInstanceWorked());
        json.put("neverQueued", neverQueued);
        json.put("queuedMoreThanOnce", queuedMoreThanOnce);
        return json;
    }
}
