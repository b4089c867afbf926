package fr.numi.contracts.cloudevents;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An event that passed {@link EventReader}: its CloudEvents attributes and its body, every required field present.
 *
 * @param key what identifies the event across redeliveries ({@code ce_source} + {@code ce_id})
 * @param subject {@code ce_subject}, the ticket id when the event is about one ticket (may be null)
 * @param erased the personal fields that did not open because the customer's key is gone (absent from the body)
 */
public record ReceivedEvent<T>(EventKey key, String type, String subject, OffsetDateTime time, T body, List<String> erased) {

    public ReceivedEvent {
        erased = erased == null ? List.of() : List.copyOf(erased);
    }

    public ReceivedEvent(EventKey key, String type, String subject, OffsetDateTime time, T body) {
        this(key, type, subject, time, body, List.of());
    }

    /** True when the person's data this event carried was erased: it is processed without it. */
    public boolean personalDataErased() {
        return !erased.isEmpty();
    }
}
