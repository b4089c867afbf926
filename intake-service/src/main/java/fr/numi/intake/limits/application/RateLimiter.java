package fr.numi.intake.limits.application;

import fr.numi.intake.limits.domain.FixedWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: may one more call be made for this key? Fixed windows on the shared {@link RateCounters}, so two instances
 * of intake give a key one limit between them, and a restart forgets nothing. Errors of the store are the caller's to
 * decide on (the doors let the call through, the deliveries retry).
 */
@Service
public class RateLimiter {

    /** @param retryAfterSeconds when the key's window ends (whole seconds, at least 1); 0 when allowed */
    public record Decision(boolean allowed, long count, long retryAfterSeconds) {}

    private final RateCounters counters;
    private final Clock clock;

    public RateLimiter(RateCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    public Mono<Decision> take(String key, int limit, Duration period) {
        Instant now = clock.instant();
        FixedWindow window = FixedWindow.containing(now, period);
        return counters.increment(key, window)
                .map(count -> count <= limit ? new Decision(true, count, 0) : new Decision(false, count, window.secondsLeft(now)));
    }
}
