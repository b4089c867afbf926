package fr.numi.intake.tracking.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.intake.tracking.application.ContactVerifiedPublisher;
import java.time.Instant;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code intake.contact-verified.v1}, key = customer id, acknowledged by the broker before the person is told. */
@Component
class KafkaContactVerifiedPublisher implements ContactVerifiedPublisher {

    static final String TOPIC = "intake.contact-verified.v1";
    static final String TYPE = "fr.numi.intake.contact-verified.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaContactVerifiedPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    /** Body of {@code intake.contact-verified.v1}. */
    record Body(String verificationId, String ticketId, String customerId, Contact contact, List<String> reachableBy, Instant verifiedAt) {

        record Contact(String kind, String value) {}
    }

    @Override
    public Mono<Void> publish(ContactVerified e) {
        Body body = new Body(e.verificationId(), e.ticketId(), e.customerId(), new Body.Contact(e.contactKind(), e.contactValue()),
                e.reachableBy(), e.verifiedAt());
        return Mono.defer(() -> Mono.fromFuture(kafka.send(
                        events.record(TOPIC, e.customerId(), e.verificationId(), TYPE, e.ticketId(), e.verifiedAt(), body))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
