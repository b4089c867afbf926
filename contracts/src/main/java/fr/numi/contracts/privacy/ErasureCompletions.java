package fr.numi.contracts.privacy;

import fr.numi.contracts.cloudevents.EventWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A service's answer to an erasure, on its own {@code <prefix>.erasure-completed.v1} (one writer per topic; the five
 * topics share one schema): key = customer id, {@code ce_id} = {@code <erasureId>:<service>}, so a redelivered request
 * answered twice is one answer for intake. Waits for the broker's acknowledgement: the request's offset is committed
 * only once the answer is in Kafka, and a broker away is an infrastructure error the consumer retries (ADR 6).
 */
public final class ErasureCompletions {

    private static final long ACK_SECONDS = 10;

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;
    private final Clock clock;
    private final String service;
    private final String topic;
    private final String type;

    /** @param service the answering service's name, e.g. {@code ticket-service}: its topic is {@code ticket.erasure-completed.v1} */
    public ErasureCompletions(KafkaTemplate<String, byte[]> kafka, EventWriter events, Clock clock, String service) {
        if (!service.endsWith("-service")) {
            throw new IllegalArgumentException("a service name ends with -service: " + service);
        }
        String prefix = service.substring(0, service.length() - "-service".length());
        this.kafka = kafka;
        this.events = events;
        this.clock = clock;
        this.service = service;
        this.topic = prefix + ".erasure-completed.v1";
        this.type = "fr.numi." + prefix + ".erasure-completed.v1";
    }

    /** The body of every service's answer. */
    public record ErasureCompleted(String erasureId, String customerId, String service, Map<String, Long> counts, Instant completedAt) {}

    public String topic() {
        return topic;
    }

    /** Publishes the answer and waits for the broker; {@link IllegalStateException} if it does not acknowledge. */
    public void completed(String erasureId, String customerId, Map<String, Long> counts) {
        Instant now = clock.instant();
        try {
            kafka.send(events.record(topic, customerId, erasureId + ":" + service, type, null, now,
                    new ErasureCompleted(erasureId, customerId, service, counts, now))).get(ACK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering erasure " + erasureId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the answer to erasure " + erasureId, e);
        }
    }
}
