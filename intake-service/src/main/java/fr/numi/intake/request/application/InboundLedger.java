package fr.numi.intake.request.application;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Port: the durable memory of what the gateways already delivered (wamid, CallSid step,
 * Idempotency-Key), so that a gateway's retry is absorbed at the door.
 */
public interface InboundLedger {

    /** Records the id if it is new and returns the entry as first stored (with its fingerprint). */
    Mono<Entry> claim(String requestId, String fingerprint, Instant at);

    /** The event is in Kafka: later deliveries of the same id are duplicates. */
    Mono<Void> markPublished(String requestId, Instant at);

    record Entry(String requestId, String fingerprint, boolean published) {}
}
