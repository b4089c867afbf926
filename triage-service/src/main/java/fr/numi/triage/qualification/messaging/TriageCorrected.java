package fr.numi.triage.qualification.messaging;

import java.time.Instant;
import java.util.List;

/**
 * triage's own copy of the body of {@code ticket.triage-corrected.v1} (contracts/events/ticket.triage-corrected.v1),
 * written by ticket-service when an agent corrects triage. Unknown fields are ignored (additive changes within v1).
 */
record TriageCorrected(
        String correctionId,
        String ticketId,
        String customerId,
        List<String> requestIds,
        String agentId,
        Label before,
        Label after,
        Instant correctedAt) {

    static final String TOPIC = "ticket.triage-corrected.v1";

    /** Level, category (null in {@code after} = unchanged) and cyber tier. */
    record Label(Integer level, String category, String cyberTier) {}
}
