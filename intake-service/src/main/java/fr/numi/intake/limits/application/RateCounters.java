package fr.numi.intake.limits.application;

import fr.numi.intake.limits.domain.FixedWindow;
import reactor.core.publisher.Mono;

/**
 * Port: counters shared by every instance of intake (one store, not each JVM's memory), one per key and window, gone
 * once their window is over.
 */
public interface RateCounters {

    /** Counts one call for the key in this window, in one round trip; returns the window's count, this call included. */
    Mono<Long> increment(String key, FixedWindow window);
}
