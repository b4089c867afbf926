package fr.numi.ticket.domain;

import java.time.Instant;

/**
 * Something a ticket change must tell the rest of numi: a lifecycle change, or the ticket being put
 * on its level's queue. Kept with the ticket until published (transactional outbox in one document).
 *
 * @param eventId stable id, derived from the cause, so a retried publication is recognisably the same
 */
public record TicketEvent(
        String eventId,
        Kind kind,
        TicketStatus status,
        TicketStatus previousStatus,
        Integer level,
        Urgency urgency,
        String category,
        boolean cyber,
        int version,
        int priority,
        Instant occurredAt) {

    public enum Kind {
        RECEIVED("ticket-received"),
        QUALIFIED("ticket-qualified"),
        QUEUED("ticket-queued");

        private final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }

        /** The event name used in the CloudEvents type, e.g. {@code ticket-qualified}. */
        public String typeName() {
            return typeName;
        }
    }
}
