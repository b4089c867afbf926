package fr.numi.feedback.kpi.domain;

import java.util.Objects;

/** A ticket reached a new state. */
public record TicketStatusChanged(String eventId, String ticketId, TicketStatus status) {

    public TicketStatusChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(status, "status");
    }
}
