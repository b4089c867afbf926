package fr.numi.feedback.kpi.messaging;

import java.time.Instant;

/** feedback's own copy of the body of {@code ticket.lifecycle.v1}: the fields it reads. */
record TicketLifecycleChanged(
        String eventId, String ticketId, String customerId, String channel, String status, Integer level, Boolean cyber, Instant occurredAt) {

    static final String TOPIC = "ticket.lifecycle.v1";
}
