package fr.numi.urgency.emergency.domain;

import java.util.Objects;

/** A request that arrived with the red button pressed: a cyber emergency declared by the person. */
public record RedButtonPress(String requestId, String ticketId, String customerId, Channel channel) {

    public RedButtonPress {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(channel, "channel");
    }
}
