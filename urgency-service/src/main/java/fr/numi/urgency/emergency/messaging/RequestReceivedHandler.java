package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.ReceivedRequest;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code requestReceived} function bound to {@code intake.request-received.v1} (group
 * {@code urgency-service}): remembers every ticket, and is the red-button fast path, which does not wait
 * for triage. Whatever it throws makes the binder retry, then dead-letter to
 * {@code intake.request-received.v1.urgency-service.dlq}; a record that is not a usable request is refused by the
 * {@link EventReader} with the attribute or field at fault.
 */
@Component("requestReceived")
class RequestReceivedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final CyberUrgencyProtocol protocol;

    RequestReceivedHandler(EventReader events, CyberUrgencyProtocol protocol) {
        this.events = events;
        this.protocol = protocol;
    }

    @Override
    public void accept(Message<byte[]> message) {
        accept(message, RequestReceived.INCOMING);
    }

    /** A request from either lane (the intake topic or the red button's own). */
    void accept(Message<byte[]> message, Incoming<RequestReceived> lane) {
        RequestReceived event = events.read(message, lane).body();
        String text = event.subject() == null ? event.text() : event.subject() + "\n" + (event.text() == null ? "" : event.text());
        protocol.requestReceived(new ReceivedRequest(event.requestId(), event.ticketId(), event.customerId(), event.channel(), text,
                event.redButton(), event.receivedAt()));
    }
}
