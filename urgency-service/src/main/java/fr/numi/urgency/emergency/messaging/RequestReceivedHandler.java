package fr.numi.urgency.emergency.messaging;

import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.ReceivedRequest;
import fr.numi.urgency.emergency.domain.Channel;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code requestReceived} function bound to {@code intake.request-received.v1} (group
 * {@code urgency-service}): remembers every ticket, and is the red-button fast path, which does not wait
 * for triage. Whatever it throws makes the binder retry, then dead-letter to
 * {@code intake.request-received.v1.urgency-service.dlq}.
 */
@Component("requestReceived")
class RequestReceivedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final CyberUrgencyProtocol protocol;

    RequestReceivedHandler(JsonMapper json, CyberUrgencyProtocol protocol) {
        this.json = json;
        this.protocol = protocol;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestReceived event = EventBodies.read(json, message.getPayload(), RequestReceived.class, RequestReceived.TOPIC);
        EventBodies.require(RequestReceived.TOPIC, "requestId", event.requestId(), "ticketId", event.ticketId(),
                "customerId", event.customerId(), "channel", event.channel(), "redButton", event.redButton());
        Channel channel = EventBodies.enumValue(RequestReceived.TOPIC, "channel", Channel.class, event.channel());
        String text = event.subject() == null ? event.text() : event.subject() + "\n" + (event.text() == null ? "" : event.text());
        protocol.requestReceived(new ReceivedRequest(event.requestId(), event.ticketId(), event.customerId(), channel, text,
                event.redButton(), event.receivedAt()));
    }
}
