package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;

/**
 * What the live streams need of {@code ticket.lifecycle.v1} (ticket-service's own topic, read back by every instance):
 * which ticket changed. Every type of the family counts, those added within v1 too.
 */
record TicketChanged(@NotBlank String ticketId) {

    static final Incoming<TicketChanged> INCOMING =
            Incoming.matching("ticket.lifecycle.v1", TicketChanged.class, "fr\\.numi\\.ticket\\.ticket-[a-z-]+\\.v1");
}
