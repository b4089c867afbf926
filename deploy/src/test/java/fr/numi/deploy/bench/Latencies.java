package fr.numi.deploy.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latencies of one measure in one phase, in milliseconds. Those that never arrived (a ticket accepted but
 * never seen on a queue by the end of the run) count as longer than any that did: a percentile whose rank falls
 * among them is unknown ({@code null}), never flattered by leaving them out.
 */
final class Latencies {

    private final long[] sorted;
    private final int missing;

    private Latencies(long[] sorted, int missing) {
        this.sorted = sorted;
        this.missing = missing;
    }

    static Latencies of(Collection<Long> arrivedMillis, int missing) {
        if (missing < 0) {
            throw new IllegalArgumentException("missing must not be negative, was " + missing);
        }
        long[] values = arrivedMillis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Latencies(values, missing);
    }

    int arrived() {
        return sorted.length;
    }

    int missing() {
        return missing;
    }

    /**
     * Nearest rank: the smallest latency with at least {@code percent} % of all samples (arrived or not) at or
     * below it; {@code null} when there are no samples or the rank falls on one that never arrived.
     */
    Long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
        }
        int count = sorted.length + missing;
        if (count == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent * count / 100.0);
        return rank <= sorted.length ? sorted[Math.max(rank, 1) - 1] : null;
    }

    /** The longest, or {@code null} when one never arrived (or there are none). */
    Long max() {
        return missing > 0 || sorted.length == 0 ? null : sorted[sorted.length - 1];
    }

    /** "p50 / p99 / max" for the table: "-" when there were none, "∞" for a rank among those that never arrived. */
    String text() {
        if (sorted.length + missing == 0) {
            return "-";
        }
        return millis(percentile(50)) + " / " + millis(percentile(99)) + " / " + millis(max());
    }

    private static String millis(Long value) {
        return value == null ? "∞" : Long.toString(value);
    }

    /** For the JSON line: p50, p99, max (null when unknown), how many arrived, how many never did. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", percentile(50));
        json.put("p99", percentile(99));
        json.put("max", max());
        json.put("arrived", sorted.length);
        json.put("missing", missing);
        return json;
    }
}
