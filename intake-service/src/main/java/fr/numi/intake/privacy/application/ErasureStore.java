package fr.numi.intake.privacy.application;

import fr.numi.intake.privacy.domain.Erasure;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: the erasures (collection {@code erasures} of numi-intake), one document each, no transaction needed. */
public interface ErasureStore {

    /**
     * Saves a new erasure, to be announced by {@code announceAt} at the latest (by the relay, if its caller dies); false
     * when one with that id is already saved (another request for the same person at the same moment), which stays.
     */
    Mono<Boolean> saveIfAbsent(Erasure erasure, Instant announceAt);

    /** How many erasures of this customer were ever made. */
    Mono<Long> countOf(String customerId);

    Mono<Erasure> find(String erasureId);

    /** The customer's latest erasure, if any. */
    Mono<Erasure> latestOf(String customerId);

    /**
     * Takes one erasure saved but not announced whose time has come, for {@code leaseUntil}: one atomic
     * find-and-modify, so two instances never take the same one; it comes back when the lease runs out unannounced.
     */
    Mono<Erasure> claimUnannounced(Instant now, Instant leaseUntil);

    Mono<Void> markAnnounced(String erasureId);

    /** Records a service's answer (the first one counts); empty when the erasure is unknown. */
    Mono<Erasure> markDone(String erasureId, String service, Instant at);
}
