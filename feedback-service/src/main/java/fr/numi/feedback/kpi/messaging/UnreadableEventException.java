package fr.numi.feedback.kpi.messaging;

/**
 * A record that is not a usable event. Thrown so the binder retries then dead-letters the record;
 * the message names what is wrong, never the content (it may hold personal data).
 */
class UnreadableEventException extends RuntimeException {

    UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    UnreadableEventException(String message) {
        super(message);
    }
}
