package fr.numi.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** triage-service's decision on a request of this ticket, with the reasons an agent can read. */
public record TriageDecision(
        String requestId,
        int level,
        Urgency urgency,
        String category,
        boolean cyber,
        double confidence,
        List<Reason> reasons,
        String rulesVersion,
        Instant decidedAt) {

    public TriageDecision {
        SupportLevel.check(level);
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(category, "category");
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    /** One signal that fired. */
    public record Reason(String signal, String detail, Double weight) {}
}
