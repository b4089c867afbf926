package fr.numi.feedback.kpi.messaging;

import java.time.Instant;

/** feedback's own copy of the body of {@code ticket.lifecycle.v1}: the fields it reads. */
record TicketLifecycleChanged(
        String eventId,
        String ticketId,
        String customerId,
        String channel,
        String status,
        Integer level,
        Integer fromLevel,
        String category,
        Boolean cyber,
        Instant occurredAt,
        Instant receivedAt,
        String agentId) {

    static final String TOPIC = "ticket.lifecycle.v1";
}
