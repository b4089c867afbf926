package fr.numi.intake.limits.domain;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets by key: each holds up to {@code capacity} tokens, refilled evenly ({@code capacity}
 * per {@code period}); a call takes one. Plain Java, thread-safe, time given by the caller (nanoTime).
 */
public final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        long updatedAt;
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes a token from the key's bucket.
     *
     * @return {@link Duration#ZERO} when taken, else how long until a token is back
     */
    public Duration take(String key, int capacity, Duration period, long nowNanos) {
        double perNano = capacity / (double) period.toNanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = capacity;
            b.updatedAt = nowNanos;
            return b;
        });
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (nowNanos - bucket.updatedAt) * perNano);
            bucket.updatedAt = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano));
        }
    }

    /** Forgets buckets idle long enough to be full again (they would start full anyway). */
    public void forgetIdle(Duration period, long nowNanos) {
        buckets.entrySet().removeIf(e -> nowNanos - e.getValue().updatedAt > period.toNanos());
    }

    public int size() {
        return buckets.size();
    }
}
