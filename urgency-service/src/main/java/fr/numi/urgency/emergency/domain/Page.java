package fr.numi.urgency.emergency.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The level-3 page.
 *
 * @param status where it stands
 * @param attempts calls made to the webhook
 * @param at when it last changed, null while pending
 * @param error why it failed, null otherwise
 */
public record Page(PageStatus status, int attempts, Instant at, String error) {

    public static final Page PENDING = new Page(PageStatus.PENDING, 0, null, null);

    public Page {
        Objects.requireNonNull(status, "status");
    }

    /** A page about to be sent, from {@code since} (the sweep sends it again if it stays pending too long). */
    public static Page pending(Instant since) {
        return new Page(PageStatus.PENDING, 0, since, null);
    }
}
