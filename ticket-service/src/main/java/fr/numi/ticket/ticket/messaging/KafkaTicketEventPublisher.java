package fr.numi.ticket.messaging;

import fr.numi.ticket.application.TicketEventPublisher;
import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes ticket events: lifecycle changes on {@code ticket.lifecycle.v1}, queue entries on
 * {@code ticket.queue-level-N.v1}; key = ticket id, CloudEvents binary mode.
 */
@Component
class KafkaTicketEventPublisher implements TicketEventPublisher {

    static final String LIFECYCLE_TOPIC = "ticket.lifecycle.v1";
    static final String SOURCE = "/numi/ticket-service";

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    KafkaTicketEventPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    static String queueTopic(int level) {
        return "ticket.queue-level-" + level + ".v1";
    }

    @Override
    public void publish(Ticket ticket, TicketEvent event) {
        ProducerRecord<String, byte[]> record = event.kind() == TicketEvent.Kind.QUEUED
                ? record(queueTopic(event.level()), ticket, event, new TicketQueued(event.eventId(), ticket.id(), event.level(),
                        event.urgency().name(), event.category(), event.cyber(), event.priority(), event.occurredAt()))
                : record(LIFECYCLE_TOPIC, ticket, event, new TicketLifecycleChanged(event.eventId(), ticket.id(), ticket.customerId(),
                        ticket.channel(), event.status().name(), event.previousStatus() == null ? null : event.previousStatus().name(),
                        event.level(), event.urgency() == null ? null : event.urgency().name(), event.category(), event.cyber(),
                        event.version(), event.occurredAt()));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge " + event.eventId(), e);
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, Ticket ticket, TicketEvent event, Object body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, ticket.id(), json.writeValueAsBytes(body));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.eventId());
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", "fr.numi.ticket." + event.kind().typeName() + ".v1");
        header(record, "ce_time", event.occurredAt().toString());
        header(record, "ce_subject", ticket.id());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Body of {@code ticket.lifecycle.v1}. */
    record TicketLifecycleChanged(
            String eventId, String ticketId, String customerId, String channel, String status, String previousStatus,
            Integer level, String urgency, String category, boolean cyber, int version, Instant occurredAt) {}

    /** Body of {@code ticket.queue-level-N.v1}. */
    record TicketQueued(
            String eventId, String ticketId, int level, String urgency, String category, boolean cyber, int priority,
            Instant queuedAt) {}
}
