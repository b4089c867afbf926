package fr.numi.triage.qualification.domain;

/**
 * How sure triage is that a request is a cyber incident, lowest first.
 *
 * <ul>
 *   <li>{@link #NONE}: not a cyber case;
 *   <li>{@link #SUSPECTED}: probably a scam or a compromise, not certain, or no harm yet: level 3,
 *       reviewed first by a level-3 agent, nothing alarming sent to the person;
 *   <li>{@link #EMERGENCY}: red button, explicit harm in progress, or the model is sure: level 3 and the
 *       urgency protocol with its first instructions ({@code cyber} = true in events).
 * </ul>
 */
public enum CyberTier {
    NONE,
    SUSPECTED,
    EMERGENCY;

    /** The higher of two tiers. */
    public CyberTier atLeast(CyberTier other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }

    /** The tier of a record that only knows the old {@code cyber} flag. */
    public static CyberTier of(boolean cyber) {
        return cyber ? EMERGENCY : NONE;
    }
}
