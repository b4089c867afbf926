package fr.numi.triage.qualification.messaging;

import fr.numi.triage.qualification.application.TriagedRequest;
import fr.numi.triage.qualification.domain.Decision;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code triage.request-triaged.v1} (contracts/events/triage.request-triaged.v1). {@code cyber} is true only
 * for a cyber emergency; {@code cyberTier} says none, suspected or emergency (a suspected case is level 3 with
 * {@code cyber} false).
 */
record RequestTriaged(
        String requestId,
        String ticketId,
        String customerId,
        int level,
        String urgency,
        String category,
        boolean cyber,
        String cyberTier,
        boolean needsReview,
        double confidence,
        List<ReasonBody> reasons,
        String rulesVersion,
        String modelVersion,
        Instant decidedAt) {

    static final String TOPIC = "triage.request-triaged.v1";
    static final String TYPE = "fr.numi.triage.request-triaged.v1";

    record ReasonBody(String signal, String detail, double weight) {}

    static RequestTriaged of(TriagedRequest triaged) {
        Decision d = triaged.decision();
        return new RequestTriaged(
                triaged.requestId(),
                triaged.ticketId(),
                triaged.customerId(),
                d.level(),
                d.urgency().name(),
                d.category(),
                d.cyber(),
                d.cyberTier().name(),
                d.needsReview(),
                d.confidence(),
                d.reasons().stream().map(r -> new ReasonBody(r.signal(), r.detail(), r.weight())).toList(),
                d.rulesVersion(),
                d.modelVersion(),
                d.decidedAt());
    }

    /** The CloudEvents id: derived from the request's id, so a redelivered request yields the same event id. */
    String eventId() {
        return "triage-" + requestId;
    }
}
