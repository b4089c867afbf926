package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** urgency's own copy of the body of {@code triage.request-triaged.v1}: the fields it reads, and which it needs. */
record RequestTriaged(
        @NotBlank String requestId,
        @NotBlank String ticketId,
        @NotBlank String customerId,
        Integer level,
        @NotBlank String urgency,
        @NotBlank String category,
        @NotNull Boolean cyber,
        Instant decidedAt) {

    static final Incoming<RequestTriaged> INCOMING =
            Incoming.of("triage.request-triaged.v1", RequestTriaged.class, "fr.numi.triage.request-triaged.v1");
}
