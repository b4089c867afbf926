package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.CountKpiEvents;
import fr.numi.feedback.kpi.domain.TicketStatus;
import fr.numi.feedback.kpi.domain.TicketStatusChanged;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ticketLifecycle} function bound to {@code ticket.lifecycle.v1} (group
 * {@code feedback-service}). Whatever it throws makes the binder retry, then dead-letter to
 * {@code ticket.lifecycle.v1.feedback-service.dlq}.
 */
@Component("ticketLifecycle")
class TicketLifecycleHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final CountKpiEvents kpis;

    TicketLifecycleHandler(JsonMapper json, CountKpiEvents kpis) {
        this.json = json;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        TicketLifecycleChanged event =
                EventBodies.read(json, message.getPayload(), TicketLifecycleChanged.class, TicketLifecycleChanged.TOPIC);
        EventBodies.require(TicketLifecycleChanged.TOPIC,
                "eventId", event.eventId(), "ticketId", event.ticketId(), "status", event.status());
        TicketStatus status = EventBodies.enumValue(TicketLifecycleChanged.TOPIC, "status", TicketStatus.class, event.status());
        kpis.ticketStatusChanged(new TicketStatusChanged(event.eventId(), event.ticketId(), status));
    }
}
