package fr.numi.urgency.emergency.application;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: what urgency-service keeps at rest that leads to a person (a customer id) or may quote them. */
public interface UrgencyPersonalData {

    /**
     * An erasure: the person's urgencies and ticket sightings kept for the counts under {@code marker} instead of their
     * customer id, and the providers' refusal reasons of the messages sent to them (they may quote a number) removed.
     * Blocks until the store answers; idempotent.
     *
     * @return per collection, how many documents changed (zeros the second time)
     */
    Map<String, Long> forget(String customerId, String marker);

    /**
     * The person's export (issue 14, item 3): their urgencies and ticket sightings, and the delivery reports of the
     * messages sent about their tickets; per collection, their documents.
     */
    Mono<Map<String, List<Map<String, Object>>>> export(String customerId);
}
