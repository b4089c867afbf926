package fr.numi.intake.delivery.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a message a provider could not take for now is tried again: {@code firstWait} after the first failure, the wait
 * doubling at each failure up to {@code maxWait}, and never later than {@code giveUpAfter} after the first failure (the
 * last attempt is made at that deadline). Past the deadline the message has failed for good.
 */
public record RetrySchedule(Duration firstWait, Duration maxWait, Duration giveUpAfter) {

    public RetrySchedule {
        Objects.requireNonNull(firstWait, "firstWait");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    }

    /** The deadline of a message that first failed at {@code firstFailure}. */
    public Instant deadline(Instant firstFailure) {
        return firstFailure.plus(giveUpAfter);
    }

    /**
     * @param failures transient failures so far, this one included (1 for the first)
     * @param deadline the message's {@link #deadline}
     * @param now when this failure happened
     * @return when to try again, or null: the deadline has passed, give up
     */
    public Instant next(int failures, Instant deadline, Instant now) {
        if (!now.isBefore(deadline)) {
            return null;
        }
        Duration wait = firstWait;
        for (int i = 1; i < failures && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        Instant next = now.plus(wait.compareTo(maxWait) > 0 ? maxWait : wait);
        return next.isAfter(deadline) ? deadline : next;
    }
}
