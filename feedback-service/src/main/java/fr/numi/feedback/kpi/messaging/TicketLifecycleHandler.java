package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.LifecycleKind;
import fr.numi.feedback.kpi.domain.TicketChange;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code ticketLifecycle} function bound to {@code ticket.lifecycle.v1} (group
 * {@code feedback-service}). The change is named by {@code ce_type}; a change is applied once per event key
 * ({@code ce_source} + {@code ce_id}). Whatever it throws makes the binder retry, then dead-letter to
 * {@code ticket.lifecycle.v1.feedback-service.dlq}.
 */
@Component("ticketLifecycle")
class TicketLifecycleHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final RecordKpiEvents kpis;

    TicketLifecycleHandler(EventReader events, RecordKpiEvents kpis) {
        this.events = events;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ReceivedEvent<TicketLifecycleChanged> received = events.read(message, TicketLifecycleChanged.INCOMING);
        TicketLifecycleChanged event = received.body();
        kpis.ticketChanged(new TicketChange(received.key().value(), event.ticketId(), LifecycleKind.fromType(received.type()),
                event.status(), event.customerId(), event.channel(), event.level(), event.fromLevel(), event.category(),
                Boolean.TRUE.equals(event.cyber()), event.occurredAt(), event.receivedAt(), event.agentId()));
    }
}
