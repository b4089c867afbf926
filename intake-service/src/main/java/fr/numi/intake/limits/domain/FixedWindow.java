package fr.numi.intake.limits.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One window of a fixed-window counter. Windows are aligned on the epoch ({@code [k × period, (k + 1) × period)}), so
 * every instance counting a key at the same moment counts in the same window. A key gets at most {@code limit} calls
 * per window (up to twice that across a window's edge: the price of one counter and one round trip per call).
 *
 * @param start the first instant of the window (inclusive)
 * @param end the first instant of the next window
 */
public record FixedWindow(Instant start, Instant end) {

    public static FixedWindow containing(Instant now, Duration period) {
        long size = period.toMillis();
        if (size <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        long start = Math.floorDiv(now.toEpochMilli(), size) * size;
        return new FixedWindow(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size));
    }

    /** Whole seconds until the window ends, at least one: the {@code Retry-After} of a call refused in it. */
    public long secondsLeft(Instant now) {
        long millis = Duration.between(now, end).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
