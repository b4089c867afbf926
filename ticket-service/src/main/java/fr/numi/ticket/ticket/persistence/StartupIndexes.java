package fr.numi.ticket.ticket.persistence;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The indexes ticket-service makes at start-up, made without holding start-up up: MongoDB away when an instance starts
 * (a restart during an outage, a database still starting) is waited for in the background, tried again 1 s, doubling,
 * at most 30 s apart, until it answers. Meanwhile the instance is up, its readiness says the database is DOWN (503 at
 * {@code /readyz}), its APIs answer 503 and its consumers wait, as in any outage (docs/operations.md "MongoDB down").
 * Every index is a plain one for speed (uniqueness rests on {@code _id}s), so nothing is wrong without it, only slower.
 */
@Component
class StartupIndexes {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StartupIndexes.class);

    private final List<Disposable> pending = new ArrayList<>();

    /** Makes {@code indexes} (a cold publisher, run again at each try) in the background until MongoDB takes them. */
    synchronized void make(String what, Mono<?> indexes) {
        pending.add(indexes
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY).maxBackoff(MAX_RETRY)
                        .doBeforeRetry(s -> log.warn("{} not made yet, trying again: {}", what, s.failure().toString())))
                .subscribe(done -> { }, e -> log.error("{} not made: {}", what, e.toString()), () -> log.debug("{} made", what)));
    }

    @PreDestroy
    synchronized void stop() {
        pending.forEach(Disposable::dispose);
        pending.clear();
    }
}
