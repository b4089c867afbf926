package fr.numi.triage.qualification.messaging;

import fr.numi.triage.config.TriageProperties;
import fr.numi.triage.qualification.application.DecisionNotPublishedException;
import fr.numi.triage.qualification.application.DecisionPublisher;
import fr.numi.triage.qualification.application.TriagedRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@code RequestTriaged} with the idempotent, {@code acks=all} producer configured under
 * {@code spring.kafka.producer}, keyed by customer id, and waits for the acknowledgement: it runs on
 * the consumer's thread, so a failure fails the incoming message and the binder retries it.
 */
@Component
class KafkaDecisionPublisher implements DecisionPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Duration timeout;

    KafkaDecisionPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json, TriageProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.timeout = properties.publishTimeout();
    }

    @Override
    public void publish(TriagedRequest triaged) {
        RequestTriaged event = RequestTriaged.of(triaged);
        byte[] body = json.writeValueAsBytes(event);
        try {
            kafka.send(CloudEventRecords.record(
                            RequestTriaged.TOPIC,
                            event.customerId(),
                            event.eventId(),
                            RequestTriaged.TYPE,
                            event.ticketId(),
                            event.decidedAt(),
                            body))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionNotPublishedException("interrupted while publishing the decision on " + event.ticketId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DecisionNotPublishedException(
                    "broker did not acknowledge the decision on " + event.ticketId() + " within " + timeout, e);
        }
    }
}
