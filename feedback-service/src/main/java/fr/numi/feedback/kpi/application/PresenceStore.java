package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.PresenceHour;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The presence signal, one entry per level and clock hour with an agent's action. Idempotent by nature. */
public interface PresenceStore {

    Mono<Void> seen(int level, Instant at);

    /** The hours starting in [from, to) with a presence. */
    Flux<PresenceHour> find(Instant from, Instant to);
}
