package fr.numi.urgency.emergency.messaging;

import fr.numi.urgency.emergency.application.WatchEmergencies;
import fr.numi.urgency.emergency.domain.CyberDecision;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code requestTriaged} function bound to {@code triage.request-triaged.v1} (group
 * {@code urgency-service}): notices cyber decisions. Whatever it throws makes the binder retry,
 * then dead-letter to {@code triage.request-triaged.v1.urgency-service.dlq}.
 */
@Component("requestTriaged")
class RequestTriagedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final WatchEmergencies watch;

    RequestTriagedHandler(JsonMapper json, WatchEmergencies watch) {
        this.json = json;
        this.watch = watch;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestTriaged event = EventBodies.read(json, message.getPayload(), RequestTriaged.class, RequestTriaged.TOPIC);
        EventBodies.require(RequestTriaged.TOPIC,
                "requestId", event.requestId(), "ticketId", event.ticketId(), "category", event.category(),
                "urgency", event.urgency(), "cyber", event.cyber());
        if (event.cyber()) {
            watch.cyberDecisionTaken(new CyberDecision(event.requestId(), event.ticketId(), event.category(), event.urgency()));
        }
    }
}
