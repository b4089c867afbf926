package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.CyberDecision;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code requestTriaged} function bound to {@code triage.request-triaged.v1} (group
 * {@code urgency-service}): a cyber decision declares the urgency (a no-op when the red button already
 * did). Whatever it throws makes the binder retry, then dead-letter to
 * {@code triage.request-triaged.v1.urgency-service.dlq}.
 */
@Component("requestTriaged")
class RequestTriagedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final CyberUrgencyProtocol protocol;

    RequestTriagedHandler(EventReader events, CyberUrgencyProtocol protocol) {
        this.events = events;
        this.protocol = protocol;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestTriaged event = events.read(message, RequestTriaged.INCOMING).body();
        if (event.cyber()) {
            protocol.cyberDecisionTaken(new CyberDecision(event.requestId(), event.ticketId(), event.customerId(), event.category(),
                    event.urgency(), event.decidedAt()));
        }
    }
}
