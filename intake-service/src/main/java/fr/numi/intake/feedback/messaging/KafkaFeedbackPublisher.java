package fr.numi.intake.feedback.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.intake.feedback.application.FeedbackPublisher;
import fr.numi.intake.feedback.application.FeedbackReceived;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes {@code intake.feedback-received.v1} (key and ce_subject: ticket id; ce_id: feedback id). */
@Component
class KafkaFeedbackPublisher implements FeedbackPublisher {

    static final String TOPIC = "intake.feedback-received.v1";
    static final String TYPE = "fr.numi.intake.feedback-received.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaFeedbackPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public Mono<Void> publish(FeedbackReceived f) {
        return Mono.defer(() -> Mono.fromFuture(kafka.send(
                        events.record(TOPIC, f.ticketId(), f.feedbackId(), TYPE, f.ticketId(), f.receivedAt(), f))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
