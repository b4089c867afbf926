package fr.numi.intake.cti.application;

import fr.numi.intake.cti.domain.CtiEvent;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: the calls a PBX bridge reported (collection {@code cti_calls}, one document per bridge and call id). */
public interface CtiCallLog {

    /** Applies the push to the call (created if new) and returns the call as it now is. */
    Mono<Call> apply(String bridge, CtiEvent event, Instant at);

    /**
     * @param answered someone picked up (an {@code answer} push came)
     */
    record Call(String id, String from, String direction, boolean answered, String cause, boolean ended) {}
}
