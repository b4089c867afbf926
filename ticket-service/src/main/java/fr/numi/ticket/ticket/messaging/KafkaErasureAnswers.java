package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.ticket.ticket.application.ErasureAnswers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** {@code ticket.erasure-completed.v1}, key = customer id, {@code ce_id} = {@code <erasureId>:ticket-service}. */
@Component
class KafkaErasureAnswers implements ErasureAnswers {

    static final String TOPIC = "ticket.erasure-completed.v1";
    static final String TYPE = "fr.numi.ticket.erasure-completed.v1";
    static final String SERVICE = "ticket-service";

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
