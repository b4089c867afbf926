package fr.numi.triage.qualification.domain;

import java.time.Instant;
import java.util.List;

/**
 * triage's verdict on one situation, with the reasons behind it and the versions of the rules and the
 * model that produced it.
 *
 * @param level support level 1–3 (3 for any cyber tier)
 * @param cyberTier none, suspected or emergency
 * @param needsReview triage is not sure of the level or the category: a person should qualify it
 * @param confidence how sure triage is of the level, 0–1
 */
public record Decision(
        int level,
        Urgency urgency,
        String category,
        CyberTier cyberTier,
        boolean needsReview,
        double confidence,
        List<Reason> reasons,
        String rulesVersion,
        String modelVersion,
        Instant decidedAt) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** A cyber emergency: the urgency protocol starts (the {@code cyber} flag of events). */
    public boolean cyber() {
        return cyberTier == CyberTier.EMERGENCY;
    }
}
