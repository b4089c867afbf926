package fr.numi.urgency.emergency.messaging;

import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.CyberDecision;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code requestTriaged} function bound to {@code triage.request-triaged.v1} (group
 * {@code urgency-service}): a cyber decision declares the urgency (a no-op when the red button already
 * did). Whatever it throws makes the binder retry, then dead-letter to
 * {@code triage.request-triaged.v1.urgency-service.dlq}.
 */
@Component("requestTriaged")
class RequestTriagedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final CyberUrgencyProtocol protocol;

    RequestTriagedHandler(JsonMapper json, CyberUrgencyProtocol protocol) {
        this.json = json;
        this.protocol = protocol;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestTriaged event = EventBodies.read(json, message.getPayload(), RequestTriaged.class, RequestTriaged.TOPIC);
        EventBodies.require(RequestTriaged.TOPIC,
                "requestId", event.requestId(), "ticketId", event.ticketId(), "category", event.category(),
                "urgency", event.urgency(), "cyber", event.cyber());
        if (event.cyber()) {
            EventBodies.require(RequestTriaged.TOPIC, "customerId", event.customerId());
            protocol.cyberDecisionTaken(new CyberDecision(event.requestId(), event.ticketId(), event.customerId(), event.category(),
                    event.urgency(), event.decidedAt()));
        }
    }
}
