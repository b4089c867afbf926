package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.CyberUrgencyDeclared;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code cyberUrgencyDeclared} function bound to {@code urgency.cyber-urgency-declared.v1} (group
 * {@code feedback-service}): starts the level-3 pickup clock. Failures dead-letter to
 * {@code urgency.cyber-urgency-declared.v1.feedback-service.dlq}.
 */
@Component("cyberUrgencyDeclared")
class CyberUrgencyDeclaredHandler implements Consumer<Message<byte[]>> {

    private static final String TOPIC = CyberUrgencyDeclaredBody.TOPIC;

    private final JsonMapper json;
    private final RecordKpiEvents kpis;

    CyberUrgencyDeclaredHandler(JsonMapper json, RecordKpiEvents kpis) {
        this.json = json;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        CyberUrgencyDeclaredBody event = EventBodies.read(json, message.getPayload(), CyberUrgencyDeclaredBody.class, TOPIC);
        EventBodies.require(TOPIC, "urgencyId", event.urgencyId(), "ticketId", event.ticketId(), "declaredAt", event.declaredAt());
        kpis.cyberUrgencyDeclared(new CyberUrgencyDeclared(EventBodies.eventId(message, TOPIC, event.urgencyId()), event.ticketId(),
                event.declaredAt()));
    }
}
