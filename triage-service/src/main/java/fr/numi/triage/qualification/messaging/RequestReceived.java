package fr.numi.triage.qualification.messaging;

import java.time.Instant;

/**
 * triage's own copy of the body of {@code intake.request-received.v1}
 * (contracts/events/intake.request-received.v1): only the fields triage reads. The contact and the
 * name are left out on purpose: triage has no use for them. Unknown fields are ignored (additive
 * changes within v1).
 */
record RequestReceived(
        String requestId,
        String ticketId,
        String customerId,
        String channel,
        String subject,
        String text,
        Boolean redButton,
        Instant receivedAt) {

    static final String TOPIC = "intake.request-received.v1";
}
