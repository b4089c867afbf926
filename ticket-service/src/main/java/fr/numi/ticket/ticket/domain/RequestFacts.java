package fr.numi.ticket.domain;

import java.time.Instant;
import java.util.Objects;

/** What intake tells about a new request: enough to open a ticket, no message text kept here yet. */
public record RequestFacts(
        String requestId, String customerId, String channel, String trackingTokenHash, boolean redButton, Instant receivedAt) {

    public RequestFacts {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(trackingTokenHash, "trackingTokenHash");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
