package fr.numi.intake.privacy.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.intake.privacy.application.ErasureAnnouncer;
import fr.numi.intake.privacy.domain.Erasure;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code intake.erasure-requested.v1} and {@code intake.erasure-completed.v1}, key = customer id, both acknowledged by the
 * broker before the Mono completes. Neither carries a personal field: nothing to seal.
 */
@Component
class KafkaErasureAnnouncer implements ErasureAnnouncer {

    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String REQUESTED_TYPE = "fr.numi.intake.erasure-requested.v1";
    static final String COMPLETED = "intake.erasure-completed.v1";
    static final String COMPLETED_TYPE = "fr.numi.intake.erasure-completed.v1";
    static final String SERVICE = "intake-service";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;
    private final Clock clock;

    KafkaErasureAnnouncer(KafkaTemplate<String, byte[]> kafka, EventWriter events, Clock clock) {
        this.kafka = kafka;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Mono<Void> announce(Erasure erasure) {
        ErasureRequested body = new ErasureRequested(erasure.erasureId(), erasure.customerId(), erasure.requestedAt());
        return send(events.recordReactive(REQUESTED, erasure.customerId(), erasure.erasureId(), REQUESTED_TYPE, null,
                erasure.requestedAt(), body));
    }

    @Override
    public Mono<Void> completed(String erasureId, String customerId, Map<String, Long> counts) {
        Instant now = clock.instant();
        ErasureCompleted body = new ErasureCompleted(erasureId, customerId, SERVICE, counts, now);
        return send(events.recordReactive(COMPLETED, customerId, erasureId + ":" + SERVICE, COMPLETED_TYPE, null, now, body));
    }

    private Mono<Void> send(Mono<org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>> record) {
        return record.flatMap(r -> Mono.fromFuture(kafka.send(r))).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
