package fr.numi.urgency.emergency.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of the protocol.
 *
 * @param status where it stands
 * @param id the notification id (a message for the person) or the event id (the declaration)
 * @param at when it last changed, null while pending
 * @param error why it failed (a technical reason, never personal data), null otherwise
 */
public record Step(StepStatus status, String id, Instant at, String error) {

    public Step {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(id, "id");
    }

    public static Step pending(String id) {
        return new Step(StepStatus.PENDING, id, null, null);
    }

    public Step done(Instant when) {
        return new Step(StepStatus.DONE, id, when, null);
    }

    public Step failed(Instant when, String reason) {
        return new Step(StepStatus.FAILED, id, when, reason);
    }

    public boolean isDone() {
        return status == StepStatus.DONE;
    }
}
