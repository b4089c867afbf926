package fr.numi.contracts.cloudevents;

import java.time.OffsetDateTime;

/**
 * An event that passed {@link EventReader}: its CloudEvents attributes and its body, every required field present.
 *
 * @param key what identifies the event across redeliveries ({@code ce_source} + {@code ce_id})
 * @param subject {@code ce_subject}, the ticket id when the event is about one ticket (may be null)
 */
public record ReceivedEvent<T>(EventKey key, String type, String subject, OffsetDateTime time, T body) {}
