package fr.numi.urgency.emergency.messaging;

import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code redButtonPressed} function bound to {@code intake.red-button-pressed.v1} (group
 * {@code urgency-service}): the red button's own lane. intake writes a red-button request there
 * first, with the same body as on {@code intake.request-received.v1}, so the urgency starts without
 * waiting behind the ordinary requests queued on the intake topic. The same request arriving later on
 * the intake topic finds the urgency already declared: one urgency per ticket.
 */
@Component("redButtonPressed")
class RedButtonPressedHandler implements Consumer<Message<byte[]>> {

    private final RequestReceivedHandler requests;

    RedButtonPressedHandler(RequestReceivedHandler requests) {
        this.requests = requests;
    }

    @Override
    public void accept(Message<byte[]> message) {
        requests.accept(message, RequestReceived.RED_BUTTON);
    }
}
