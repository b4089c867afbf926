package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * triage's own copy of the body of {@code intake.request-received.v1}
 * (contracts/events/intake.request-received.v1): only the fields triage reads, the constraints saying which it needs.
 * The contact and the name are left out on purpose: triage has no use for them. Unknown fields are ignored (additive
 * changes within v1).
 */
record RequestReceived(
        @NotBlank String requestId,
        @NotBlank String ticketId,
        @NotBlank String customerId,
        String channel,
        String subject,
        @NotNull String text,
        @NotNull Boolean redButton,
        Instant receivedAt) {

    static final Incoming<RequestReceived> INCOMING =
            Incoming.of("intake.request-received.v1", RequestReceived.class, "fr.numi.intake.request-received.v1");
}
