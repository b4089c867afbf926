package fr.numi.urgency.emergency.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket urgency-service has seen on the intake topic: what it needs to reach the person later (the
 * channel, the pseudonymous customer id) and what the text suggested. The text itself is not kept.
 *
 * @param textHint the incident type the person's words point to, null when they point to none
 */
public record TicketSighting(String ticketId, String customerId, Channel channel, IncidentType textHint, Instant receivedAt) {

    public TicketSighting {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
    }
}
