package fr.numi.triage.qualification.domain;

import java.time.Instant;
import java.util.List;

/** triage's verdict on one situation, with the reasons behind it and the rules version that produced it. */
public record Decision(
        int level,
        Urgency urgency,
        String category,
        boolean cyber,
        double confidence,
        List<Reason> reasons,
        String rulesVersion,
        Instant decidedAt) {

    public Decision {
        reasons = List.copyOf(reasons);
    }
}
