package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.ticket.ticket.application.TicketEventPublisher;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the ticket's outbox, key = ticket id, CloudEvents binary mode ({@link EventWriter}): lifecycle changes on
 * {@code ticket.lifecycle.v1}, queue entries on {@code ticket.queue-level-N.v1}, messages for the
 * person on {@code ticket.notification-requested.v1} (delivered by intake on the person's channel), agents' triage
 * corrections on {@code ticket.triage-corrected.v1}. {@code ce_id} is the outbox event's id, derived from what caused it.
 */
@Component
class KafkaTicketEventPublisher implements TicketEventPublisher {

    static final String LIFECYCLE_TOPIC = "ticket.lifecycle.v1";
    static final String NOTIFICATION_TOPIC = "ticket.notification-requested.v1";
    static final String CORRECTION_TOPIC = "ticket.triage-corrected.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaTicketEventPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    static String queueTopic(int level) {
        return "ticket.queue-level-" + level + ".v1";
    }

    @Override
    public void publish(Ticket ticket, TicketEvent e) {
        publishAll(ticket, List.of(e));
    }

    /**
     * Sends every record before waiting: the idempotent producer keeps them in order per partition,
     * and one round trip to the broker covers the whole change.
     */
    @Override
    public void publishAll(Ticket ticket, List<TicketEvent> outbox) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (TicketEvent e : outbox) {
            acks.add(kafka.send(record(ticket, e)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing ticket " + ticket.id(), ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("broker did not acknowledge the events of ticket " + ticket.id(), ex);
        }
    }

    private ProducerRecord<String, byte[]> record(Ticket ticket, TicketEvent e) {
        return switch (e.kind()) {
            case QUEUED -> record(queueTopic(e.level()), ticket, e, new TicketQueued(e.eventId(), ticket.id(), e.level(),
                    e.urgency() == null ? "NORMAL" : e.urgency().name(), e.category() == null ? "other" : e.category(), e.cyber(),
                    e.priority(), e.occurredAt()));
            case TRIAGE_CORRECTED -> recordTyped(CORRECTION_TOPIC, "fr.numi.ticket.triage-corrected.v1", ticket, e,
                    new TriageCorrected(e.eventId(), ticket.id(), ticket.customerId(),
                            e.correction().requestIds().isEmpty() ? List.of(ticket.id()) : e.correction().requestIds(), e.agentId(),
                            new TriageCorrected.Decision(e.correction().levelBefore(), e.correction().categoryBefore(), e.correction().tierBefore()),
                            new TriageCorrected.Decision(e.correction().levelAfter(), e.correction().categoryAfter(), e.correction().tierAfter()),
                            e.occurredAt()));
            case NOTIFICATION -> record(NOTIFICATION_TOPIC, ticket, e, new NotificationRequested(e.eventId(), ticket.id(),
                    ticket.customerId(), ticket.channel(), e.reason(), e.text(), e.occurredAt(),
                    e.recipient() == null ? null : new NotificationRequested.Recipient(e.recipient().route(),
                            new NotificationRequested.Contact(e.recipient().kind(), e.recipient().value())),
                    e.trackingRequestId()));
            default -> record(LIFECYCLE_TOPIC, ticket, e, new TicketLifecycleChanged(e.eventId(), ticket.id(), ticket.customerId(),
                    ticket.channel(), e.status().name(), e.previousStatus() == null ? null : e.previousStatus().name(), e.level(),
                    e.urgency() == null ? null : e.urgency().name(), e.category(), e.cyber(), e.version(), e.occurredAt(),
                    ticket.receivedAt(), e.agentId(), e.reason(), e.fromLevel(), e.firstContactResolution()));
        };
    }

    private ProducerRecord<String, byte[]> record(String topic, Ticket ticket, TicketEvent event, Object body) {
        return recordTyped(topic, "fr.numi.ticket." + event.kind().typeName() + ".v1", ticket, event, body);
    }

    private ProducerRecord<String, byte[]> recordTyped(String topic, String type, Ticket ticket, TicketEvent event, Object body) {
        return events.record(topic, ticket.id(), event.eventId(), type, ticket.id(), event.occurredAt(), body);
    }

    /** Body of {@code ticket.lifecycle.v1}. */
    record TicketLifecycleChanged(
            String eventId, String ticketId, String customerId, String channel, String status, String previousStatus,
            Integer level, String urgency, String category, boolean cyber, int version, Instant occurredAt, Instant receivedAt,
            String agentId, String reason, Integer fromLevel, Boolean firstContactResolution) {}

    /** Body of {@code ticket.triage-corrected.v1}: labelled data for triage's next training. */
    record TriageCorrected(String correctionId, String ticketId, String customerId, List<String> requestIds, String agentId,
            Decision before, Decision after, Instant correctedAt) {

        record Decision(int level, String category, String cyberTier) {}
    }

    /** Body of {@code ticket.queue-level-N.v1}. */
    record TicketQueued(
            String eventId, String ticketId, int level, String urgency, String category, boolean cyber, int priority,
            Instant queuedAt) {}

    /** Body of {@code ticket.notification-requested.v1}. */
    record NotificationRequested(
            String notificationId, String ticketId, String customerId, String channel, String kind, String text, Instant requestedAt,
            Recipient recipient, String trackingRequestId) {

        record Recipient(String route, Contact contact) {}

        record Contact(String kind, String value) {}
    }
}
