package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.triage.qualification.domain.CyberTier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * triage's own copy of the body of {@code ticket.triage-corrected.v1} (contracts/events/ticket.triage-corrected.v1),
 * written by ticket-service when an agent corrects triage. Unknown fields are ignored (additive changes within v1).
 */
record TriageCorrected(
        @NotBlank String correctionId,
        @NotBlank String ticketId,
        String customerId,
        @NotEmpty List<@NotBlank String> requestIds,
        @NotBlank String agentId,
        @NotNull @Valid Before before,
        @NotNull @Valid After after,
        @NotNull Instant correctedAt) {

    static final Incoming<TriageCorrected> INCOMING =
            Incoming.of("ticket.triage-corrected.v1", TriageCorrected.class, "fr.numi.ticket.triage-corrected.v1");

    /** What triage had decided. */
    record Before(@NotNull Integer level, @NotBlank String category, @NotNull CyberTier cyberTier) {}

    /** What the agent says; a null category leaves triage's unchanged. */
    record After(@NotNull Integer level, String category, @NotNull CyberTier cyberTier) {}
}
