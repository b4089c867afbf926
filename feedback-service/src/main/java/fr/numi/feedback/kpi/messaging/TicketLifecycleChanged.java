package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.feedback.kpi.domain.TicketStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** feedback's own copy of the body of {@code ticket.lifecycle.v1}: the fields it reads. */
record TicketLifecycleChanged(
        @NotBlank String eventId,
        @NotBlank String ticketId,
        String customerId,
        String channel,
        @NotNull TicketStatus status,
        Integer level,
        Integer fromLevel,
        String category,
        Boolean cyber,
        @NotNull Instant occurredAt,
        Instant receivedAt,
        String agentId) {

    /** Every change of a ticket, those ticket-service may add within v1 too: the change is named by {@code ce_type}. */
    static final Incoming<TicketLifecycleChanged> INCOMING =
            Incoming.matching("ticket.lifecycle.v1", TicketLifecycleChanged.class, "fr\\.numi\\.ticket\\.ticket-[a-z0-9-]+\\.v1");
}
