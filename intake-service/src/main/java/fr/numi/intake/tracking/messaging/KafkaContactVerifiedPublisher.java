package fr.numi.intake.tracking.messaging;

import fr.numi.intake.request.messaging.CloudEventRecords;
import fr.numi.intake.tracking.application.ContactVerifiedPublisher;
import java.time.Instant;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** {@code intake.contact-verified.v1}, key = customer id, acknowledged by the broker before the person is told. */
@Component
class KafkaContactVerifiedPublisher implements ContactVerifiedPublisher {

    static final String TOPIC = "intake.contact-verified.v1";
    static final String TYPE = "fr.numi.intake.contact-verified.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    KafkaContactVerifiedPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /** Body of {@code intake.contact-verified.v1}. */
    record Body(String verificationId, String ticketId, String customerId, Contact contact, List<String> reachableBy, Instant verifiedAt) {

        record Contact(String kind, String value) {}
    }

    @Override
    public Mono<Void> publish(ContactVerified e) {
        byte[] body = json.writeValueAsBytes(new Body(e.verificationId(), e.ticketId(), e.customerId(),
                new Body.Contact(e.contactKind(), e.contactValue()), e.reachableBy(), e.verifiedAt()));
        return Mono.defer(() -> Mono.fromFuture(kafka.send(
                        CloudEventRecords.record(TOPIC, e.customerId(), e.verificationId(), TYPE, e.ticketId(), e.verifiedAt(), body))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
