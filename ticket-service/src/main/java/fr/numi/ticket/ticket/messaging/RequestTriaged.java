package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.ticket.ticket.domain.Urgency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * ticket-service's own copy of the body of {@code triage.request-triaged.v1}: the fields it reads. A tier it does not
 * know is read from {@code cyber} ({@code TriageDecision}), so a triage that knew no tiers is still understood.
 */
record RequestTriaged(
        @NotBlank String requestId,
        @NotBlank String ticketId,
        String customerId,
        @Min(1) @Max(3) int level,
        @NotNull Urgency urgency,
        @NotNull String category,
        boolean cyber,
        double confidence,
        List<Reason> reasons,
        String rulesVersion,
        @NotNull Instant decidedAt,
        String cyberTier,
        Boolean needsReview) {

    static final Incoming<RequestTriaged> INCOMING =
            Incoming.of("triage.request-triaged.v1", RequestTriaged.class, "fr.numi.triage.request-triaged.v1");

    record Reason(String signal, String detail, Double weight) {}
}
