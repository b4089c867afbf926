package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
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

/**
 * Publishes {@code RequestTriaged} in CloudEvents binary mode ({@link EventWriter}) with the idempotent,
 * {@code acks=all} producer of numi-defaults.yml, keyed by customer id, and waits for the acknowledgement: it runs on
 * the consumer's thread, so a failure fails the incoming message and the binder retries it.
 */
@Component
class KafkaDecisionPublisher implements DecisionPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;
    private final Duration timeout;

    KafkaDecisionPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events, TriageProperties properties) {
        this.kafka = kafka;
        this.events = events;
        this.timeout = properties.publishTimeout();
    }

    @Override
    public void publish(TriagedRequest triaged) {
        RequestTriaged event = RequestTriaged.of(triaged);
        try {
            kafka.send(events.record(
                            RequestTriaged.TOPIC,
                            event.customerId(),
                            event.eventId(),
                            RequestTriaged.TYPE,
                            event.ticketId(),
                            event.decidedAt(),
                            event))
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
