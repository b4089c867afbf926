package fr.numi.ticket.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What intake tells about one message of a person: who (pseudonymous id, name, contact and whether
 * the contact is proven), how numi may write back, and their own words with what they attached.
 *
 * @param requestRef the message's own reference (the ticket id intake gave it); it becomes an alias
 *     of the conversation it joins
 * @param answeredBy the agent who took the call this message records, if any
 */
public record RequestFacts(
        String requestId,
        String requestRef,
        String customerId,
        String channel,
        String trackingTokenHash,
        boolean redButton,
        Instant receivedAt,
        String name,
        String subject,
        String text,
        ContactPoint contact,
        List<AttachmentRef> attachments,
        String answeredBy) {

    public RequestFacts {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(trackingTokenHash, "trackingTokenHash");
        Objects.requireNonNull(receivedAt, "receivedAt");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Whether the gateway proved who sent it (only such a message may join a person's conversation). */
    public boolean proven() {
        return contact != null && contact.proven();
    }
}
