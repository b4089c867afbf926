package fr.numi.intake.feedback.messaging;

import fr.numi.intake.feedback.application.FeedbackPublisher;
import fr.numi.intake.feedback.application.FeedbackReceived;
import fr.numi.intake.request.messaging.CloudEventRecords;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** Publishes {@code intake.feedback-received.v1} (key and ce_subject: ticket id; ce_id: feedback id). */
@Component
class KafkaFeedbackPublisher implements FeedbackPublisher {

    static final String TOPIC = "intake.feedback-received.v1";
    static final String TYPE = "fr.numi.intake.feedback-received.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    KafkaFeedbackPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public Mono<Void> publish(FeedbackReceived f) {
        byte[] body = json.writeValueAsBytes(f);
        return Mono.defer(() -> Mono.fromFuture(kafka.send(
                        CloudEventRecords.record(TOPIC, f.ticketId(), f.feedbackId(), TYPE, f.ticketId(), f.receivedAt(), body))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
