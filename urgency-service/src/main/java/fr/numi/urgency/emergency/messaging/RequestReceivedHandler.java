package fr.numi.urgency.emergency.messaging;

import fr.numi.urgency.emergency.application.WatchEmergencies;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.RedButtonPress;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code requestReceived} function bound to {@code intake.request-received.v1} (group
 * {@code urgency-service}): the red-button fast path, which does not wait for triage. Whatever it
 * throws makes the binder retry, then dead-letter to {@code intake.request-received.v1.urgency-service.dlq}.
 */
@Component("requestReceived")
class RequestReceivedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final WatchEmergencies watch;

    RequestReceivedHandler(JsonMapper json, WatchEmergencies watch) {
        this.json = json;
        this.watch = watch;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestReceived event = EventBodies.read(json, message.getPayload(), RequestReceived.class, RequestReceived.TOPIC);
        EventBodies.require(RequestReceived.TOPIC,
                "requestId", event.requestId(), "ticketId", event.ticketId(), "channel", event.channel(), "redButton", event.redButton());
        if (!event.redButton()) {
            return;
        }
        Channel channel = EventBodies.enumValue(RequestReceived.TOPIC, "channel", Channel.class, event.channel());
        watch.redButtonPressed(new RedButtonPress(event.requestId(), event.ticketId(), event.customerId(), channel));
    }
}
