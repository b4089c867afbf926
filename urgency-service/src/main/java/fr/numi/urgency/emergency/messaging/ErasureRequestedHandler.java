package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.urgency.emergency.application.ErasePerson;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code erasureRequested} function bound to {@code intake.erasure-requested.v1} (group {@code urgency-service}): the
 * person's data erased, then the answer on {@code urgency.erasure-completed.v1}. One record per call; MongoDB or the
 * broker away is retried without limit, never dead-lettered (ADR 6); an unreadable record goes to
 * {@code intake.erasure-requested.v1.urgency-service.dlq} with the reason.
 */
@Component("erasureRequested")
class ErasureRequestedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final ErasePerson erasePerson;

    ErasureRequestedHandler(EventReader events, ErasePerson erasePerson) {
        this.events = events;
        this.erasePerson = erasePerson;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ErasureRequested request = events.read(message, ErasureRequested.INCOMING).body();
        erasePerson.erase(request.erasureId(), request.customerId());
    }
}
