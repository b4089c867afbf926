package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.triage.qualification.application.QualifyRequest;
import fr.numi.triage.qualification.application.ReceivedRequest;
import fr.numi.triage.qualification.domain.Situation;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code requestReceived} function bound to {@code intake.request-received.v1} (group
 * {@code triage-service}). Imperative, one record per call: whatever it throws makes the binder
 * retry, then send the record to {@code intake.request-received.v1.triage-service.dlq}; a record that is not a usable
 * request is refused by the {@link EventReader} with the attribute or field at fault. A redelivery gives the same
 * decision under the same {@code ce_id} (see {@code QualifyRequest}).
 */
@Component("requestReceived")
class RequestReceivedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final QualifyRequest qualifyRequest;

    RequestReceivedHandler(EventReader events, QualifyRequest qualifyRequest) {
        this.events = events;
        this.qualifyRequest = qualifyRequest;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestReceived event = events.read(message, RequestReceived.INCOMING).body();
        qualifyRequest.qualify(new ReceivedRequest(
                event.requestId(),
                event.ticketId(),
                event.customerId(),
                event.channel(),
                new Situation(event.subject(), event.text() == null ? "" : event.text(), event.redButton())));
    }
}
