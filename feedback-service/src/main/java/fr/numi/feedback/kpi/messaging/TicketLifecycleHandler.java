package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.LifecycleKind;
import fr.numi.feedback.kpi.domain.TicketChange;
import fr.numi.feedback.kpi.domain.TicketStatus;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ticketLifecycle} function bound to {@code ticket.lifecycle.v1} (group
 * {@code feedback-service}). The change is named by {@code ce_type}. Whatever it throws makes the
 * binder retry, then dead-letter to {@code ticket.lifecycle.v1.feedback-service.dlq}.
 */
@Component("ticketLifecycle")
class TicketLifecycleHandler implements Consumer<Message<byte[]>> {

    private static final String TOPIC = TicketLifecycleChanged.TOPIC;

    private final JsonMapper json;
    private final RecordKpiEvents kpis;

    TicketLifecycleHandler(JsonMapper json, RecordKpiEvents kpis) {
        this.json = json;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        TicketLifecycleChanged event = EventBodies.read(json, message.getPayload(), TicketLifecycleChanged.class, TOPIC);
        EventBodies.require(TOPIC, "eventId", event.eventId(), "ticketId", event.ticketId(), "status", event.status(),
                "occurredAt", event.occurredAt());
        TicketStatus status = EventBodies.enumValue(TOPIC, "status", TicketStatus.class, event.status());
        String type = EventBodies.header(message, "ce_type");
        if (type == null) {
            throw new UnreadableEventException(TOPIC + " record without a ce_type header");
        }
        LifecycleKind kind;
        try {
            kind = LifecycleKind.fromType(type);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(TOPIC + " record with " + e.getMessage(), e);
        }
        kpis.ticketChanged(new TicketChange(EventBodies.eventId(message, TOPIC, event.eventId()), event.ticketId(), kind, status,
                event.customerId(), event.channel(), event.level(), event.fromLevel(), event.category(),
                Boolean.TRUE.equals(event.cyber()), event.occurredAt(), event.receivedAt(), event.agentId()));
    }
}
