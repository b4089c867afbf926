package fr.numi.triage.qualification.web;

import fr.numi.triage.qualification.domain.Decision;
import java.time.Instant;
import java.util.List;

/** A decision as the preview endpoint shows it: the same fields as {@code triage.request-triaged.v1}'s decision. */
record DecisionView(
        int level,
        String urgency,
        String category,
        boolean cyber,
        String cyberTier,
        boolean needsReview,
        double confidence,
        List<ReasonView> reasons,
        String rulesVersion,
        String modelVersion,
        Instant decidedAt) {

    record ReasonView(String signal, String detail, double weight) {}

    static DecisionView of(Decision d) {
        return new DecisionView(
                d.level(),
                d.urgency().name(),
                d.category(),
                d.cyber(),
                d.cyberTier().name(),
                d.needsReview(),
                d.confidence(),
                d.reasons().stream().map(r -> new ReasonView(r.signal(), r.detail(), r.weight())).toList(),
                d.rulesVersion(),
                d.modelVersion(),
                d.decidedAt());
    }
}
