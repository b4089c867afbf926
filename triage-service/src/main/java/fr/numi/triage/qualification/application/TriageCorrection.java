package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.CyberTier;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's correction of triage's decision on a ticket ({@code ticket.triage-corrected.v1}).
 *
 * @param before what triage decided
 * @param after what the agent set; {@code after.category} null means the category was left as it was
 */
public record TriageCorrection(String correctionId, String ticketId, String agentId, Label before, Label after, Instant correctedAt) {

    /** A level, a category (may be null in {@code after}: unchanged) and a cyber tier. */
    public record Label(int level, String category, CyberTier cyberTier) {

        public Label {
            if (level < 1 || level > 3) {
                throw new IllegalArgumentException("level must be 1, 2 or 3, was " + level);
            }
            Objects.requireNonNull(cyberTier, "cyberTier");
        }
    }

    public TriageCorrection {
        Objects.requireNonNull(correctionId, "correctionId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(correctedAt, "correctedAt");
        Objects.requireNonNull(before.category(), "before.category");
    }

    /** The category the agent settled on: theirs, or triage's when they left it. */
    public String category() {
        return after.category() != null ? after.category() : before.category();
    }
}
