package fr.numi.ticket.ticket.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The first-response SLA of one ticket: started at receipt, paused while waiting for the person,
 * stopped by the first public answer. Immutable; the ticket replaces it as things happen.
 *
 * @param target allowed time (depends on level, urgency, cyber)
 * @param pausedFor total time spent paused so far
 * @param pausedSince when the current pause began, or null
 * @param warned whether the warning event was emitted
 * @param breached whether the breach event was emitted
 * @param respondedAt when the first public answer came, or null
 */
public record FirstResponseClock(
        Instant startedAt, Duration target, Duration pausedFor, Instant pausedSince, boolean warned, boolean breached,
        Instant respondedAt, double warningRatio) {

    public static FirstResponseClock start(Instant at, Duration target, double warningRatio) {
        return new FirstResponseClock(at, target, Duration.ZERO, null, false, false, null, warningRatio);
    }

    public boolean running() {
        return respondedAt == null && pausedSince == null && !breached;
    }

    public Instant dueAt() {
        return startedAt.plus(target).plus(pausedFor);
    }

    public Instant warnAt() {
        return startedAt.plus(Duration.ofMillis((long) (target.toMillis() * warningRatio))).plus(pausedFor);
    }

    /** Where the promise of a first answer stands for the agents who see the ticket at {@code now}. */
    public enum State {
        /** not due yet, nor near it */
        ON_TIME,
        /** past the warning moment ({@code warningRatio} of the target): answer it next */
        DUE_SOON,
        /** past the moment the hotline promised a first answer */
        LATE,
        /** waiting for the person: the clock stands still */
        PAUSED
    }

    /** The clock's state at {@code now}; null once the person had a first answer. */
    public State state(Instant now) {
        if (respondedAt != null) {
            return null;
        }
        if (breached) {
            return State.LATE;
        }
        if (pausedSince != null) {
            return State.PAUSED;
        }
        if (!now.isBefore(dueAt())) {
            return State.LATE;
        }
        return now.isBefore(warnAt()) ? State.ON_TIME : State.DUE_SOON;
    }

    /** The next moment something must be checked, or null when nothing is pending. */
    public Instant nextDeadline() {
        if (!running()) {
            return null;
        }
        return warned ? dueAt() : warnAt();
    }

    public FirstResponseClock retarget(Duration newTarget) {
        return new FirstResponseClock(startedAt, newTarget, pausedFor, pausedSince, warned, breached, respondedAt, warningRatio);
    }

    public FirstResponseClock pause(Instant at) {
        return pausedSince != null || respondedAt != null ? this
                : new FirstResponseClock(startedAt, target, pausedFor, at, warned, breached, respondedAt, warningRatio);
    }

    public FirstResponseClock resume(Instant at) {
        if (pausedSince == null) {
            return this;
        }
        return new FirstResponseClock(startedAt, target, pausedFor.plus(Duration.between(pausedSince, at)), null, warned, breached,
                respondedAt, warningRatio);
    }

    public FirstResponseClock respond(Instant at) {
        return respondedAt != null ? this
                : new FirstResponseClock(startedAt, target, pausedFor, null, warned, breached, at, warningRatio);
    }

    FirstResponseClock markWarned() {
        return new FirstResponseClock(startedAt, target, pausedFor, pausedSince, true, breached, respondedAt, warningRatio);
    }

    FirstResponseClock markBreached() {
        return new FirstResponseClock(startedAt, target, pausedFor, pausedSince, true, true, respondedAt, warningRatio);
    }
}
