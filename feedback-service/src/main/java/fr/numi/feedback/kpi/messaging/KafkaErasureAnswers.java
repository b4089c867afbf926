package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.feedback.kpi.application.ErasureAnswers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** {@code feedback.erasure-completed.v1}, key = customer id, {@code ce_id} = {@code <erasureId>:feedback-service}. */
@Component
class KafkaErasureAnswers implements ErasureAnswers {

    static final String TOPIC = "feedback.erasure-completed.v1";
    static final String TYPE = "fr.numi.feedback.erasure-completed.v1";
    static final String SERVICE = "feedback-service";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;
    private final Clock clock;

    KafkaErasureAnswers(KafkaTemplate<String, byte[]> kafka, EventWriter events, Clock clock) {
        this.kafka = kafka;
        this.events = events;
        this.clock = clock;
    }

    record ErasureCompleted(String erasureId, String customerId, String service, Map<String, Long> counts, Instant completedAt) {}

    @Override
    public void completed(String erasureId, String customerId, Map<String, Long> counts) {
        Instant now = clock.instant();
        try {
            kafka.send(events.record(TOPIC, customerId, erasureId + ":" + SERVICE, TYPE, null, now,
                    new ErasureCompleted(erasureId, customerId, SERVICE, counts, now))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering erasure " + erasureId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the answer to erasure " + erasureId, e);
        }
    }
}
