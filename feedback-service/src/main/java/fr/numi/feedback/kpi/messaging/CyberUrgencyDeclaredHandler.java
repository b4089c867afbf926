package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.CyberUrgencyDeclared;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code cyberUrgencyDeclared} function bound to {@code urgency.cyber-urgency-declared.v1} (group
 * {@code feedback-service}): starts the level-3 pickup clock. Applied once per event key ({@code ce_source} +
 * {@code ce_id}). Failures dead-letter to {@code urgency.cyber-urgency-declared.v1.feedback-service.dlq}.
 */
@Component("cyberUrgencyDeclared")
class CyberUrgencyDeclaredHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final RecordKpiEvents kpis;

    CyberUrgencyDeclaredHandler(EventReader events, RecordKpiEvents kpis) {
        this.events = events;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ReceivedEvent<CyberUrgencyDeclaredBody> received = events.read(message, CyberUrgencyDeclaredBody.INCOMING);
        CyberUrgencyDeclaredBody event = received.body();
        kpis.cyberUrgencyDeclared(new CyberUrgencyDeclared(received.key().value(), event.ticketId(), event.declaredAt()));
    }
}
