package fr.numi.urgency.emergency.messaging;

import java.time.Instant;

/** urgency's own copy of the body of {@code triage.request-triaged.v1}: the fields it reads. */
record RequestTriaged(
        String requestId,
        String ticketId,
        String customerId,
        Integer level,
        String urgency,
        String category,
        Boolean cyber,
        Instant decidedAt) {

    static final String TOPIC = "triage.request-triaged.v1";
}
