package fr.numi.ticket.ticket.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long the first response may take: per level and urgency, with its own target for cyber
 * emergencies. The warning comes at {@code warningRatio} of the target.
 */
public record SlaPolicy(Duration defaultTarget, Duration cyberTarget, Map<String, Duration> targets, double warningRatio) {

    public SlaPolicy {
        Objects.requireNonNull(defaultTarget, "defaultTarget");
        Objects.requireNonNull(cyberTarget, "cyberTarget");
        targets = Map.copyOf(targets == null ? Map.of() : targets);
        if (warningRatio <= 0 || warningRatio >= 1) {
            throw new IllegalArgumentException("warningRatio must be between 0 and 1");
        }
    }

    public static SlaPolicy standard() {
        return new SlaPolicy(Duration.ofHours(2), Duration.ofMinutes(15), Map.of(), 0.75);
    }

    /** Target for a ticket: cyber first, then "level-urgency" (e.g. {@code 2-HIGH}), then the level, then the default. */
    public Duration targetFor(Integer level, Urgency urgency, boolean cyber) {
        if (cyber) {
            return cyberTarget;
        }
        if (level != null && urgency != null && targets.containsKey(level + "-" + urgency)) {
            return targets.get(level + "-" + urgency);
        }
        if (level != null && targets.containsKey(String.valueOf(level))) {
            return targets.get(String.valueOf(level));
        }
        return defaultTarget;
    }
}
