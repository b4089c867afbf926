package fr.numi.intake.privacy.application;

import fr.numi.intake.privacy.domain.Erasure;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: the erasure's events, acknowledged by the broker when the Mono completes. */
public interface ErasureAnnouncer {

    /** {@code intake.erasure-requested.v1}, {@code ce_id} = the erasure id, so a second announcement is the same event. */
    Mono<Void> announce(Erasure erasure);

    /** {@code intake.erasure-completed.v1}: intake's own part is done. */
    Mono<Void> completed(String erasureId, String customerId, Map<String, Long> counts);
}
