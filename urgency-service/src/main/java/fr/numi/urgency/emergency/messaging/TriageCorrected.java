package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** urgency's own copy of the body of {@code ticket.triage-corrected.v1}: the fields it reads, and which it needs. */
record TriageCorrected(
        @NotBlank String correctionId,
        @NotBlank String ticketId,
        @NotBlank String customerId,
        @NotBlank String agentId,
        @NotNull @Valid Decision before,
        @NotNull @Valid Decision after,
        Instant correctedAt) {

    static final Incoming<TriageCorrected> INCOMING =
            Incoming.of("ticket.triage-corrected.v1", TriageCorrected.class, "fr.numi.ticket.triage-corrected.v1");

    /** One side of the correction; {@code category} null on {@code after} means unchanged. */
    record Decision(String category, @NotNull CyberTier cyberTier) {}

    enum CyberTier {
        NONE, SUSPECTED, EMERGENCY
    }

    /** The agent made the ticket a cyber emergency that triage had not declared one. */
    boolean confirmsAnEmergency() {
        return after.cyberTier() == CyberTier.EMERGENCY && before.cyberTier() != CyberTier.EMERGENCY;
    }

    /** The category the ticket has after the correction. */
    String categoryAfter() {
        return after.category() != null ? after.category() : before.category();
    }
}
