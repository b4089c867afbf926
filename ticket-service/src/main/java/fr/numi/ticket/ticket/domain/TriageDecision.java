package fr.numi.ticket.ticket.domain;

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
        Instant decidedAt,
        String cyberTier,
        boolean needsReview) {

    /** A cyber emergency: the urgency protocol runs (first instructions, orientation, page). */
    public static final String EMERGENCY = "EMERGENCY";
    /** Maybe cyber: level 3 looks first, no alarming message to the person. */
    public static final String SUSPECTED = "SUSPECTED";
    public static final String NONE = "NONE";

    public TriageDecision {
        SupportLevel.check(level);
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(category, "category");
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
        if (cyberTier == null || !List.of(EMERGENCY, SUSPECTED, NONE).contains(cyberTier)) {
            cyberTier = cyber ? EMERGENCY : NONE;
        }
    }

    /** A decision of a triage that knew no tiers (before they existed). */
    public TriageDecision(String requestId, int level, Urgency urgency, String category, boolean cyber, double confidence,
            List<Reason> reasons, String rulesVersion, Instant decidedAt) {
        this(requestId, level, urgency, category, cyber, confidence, reasons, rulesVersion, decidedAt, null, false);
    }

    public boolean suspected() {
        return SUSPECTED.equals(cyberTier);
    }

    /** One signal that fired. */
    public record Reason(String signal, String detail, Double weight) {}
}
