package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.AgentConfirmation;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code triageCorrected} function bound to {@code ticket.triage-corrected.v1} (group
 * {@code urgency-service}): a level-3 agent who raises a ticket to a cyber EMERGENCY (a suspected one confirmed,
 * or one triage missed) starts the protocol, first instructions and orientation included. Other corrections
 * (level, category, a downgrade) are triage-service's training data and leave urgencies alone. Whatever it
 * throws makes the binder retry, then dead-letter to {@code ticket.triage-corrected.v1.urgency-service.dlq}.
 */
@Component("triageCorrected")
class TriageCorrectedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final CyberUrgencyProtocol protocol;

    TriageCorrectedHandler(EventReader events, CyberUrgencyProtocol protocol) {
        this.events = events;
        this.protocol = protocol;
    }

    @Override
    public void accept(Message<byte[]> message) {
        TriageCorrected event = events.read(message, TriageCorrected.INCOMING).body();
        if (event.confirmsAnEmergency()) {
            protocol.confirmedByAgent(new AgentConfirmation(event.correctionId(), event.ticketId(), event.customerId(), event.agentId(),
                    event.categoryAfter(), event.correctedAt()));
        }
    }
}
