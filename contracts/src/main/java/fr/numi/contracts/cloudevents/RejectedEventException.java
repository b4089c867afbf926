package fr.numi.contracts.cloudevents;

/**
 * A record that is not a usable event, with the reason naming the attribute or field at fault and never its value
 * (it may hold personal data). Thrown from a consumer function, it marks a bad record: tried again a few times, then
 * dead-lettered with this message as {@code x-exception-message} ({@link fr.numi.contracts.messaging.RetryOrDeadLetter}),
 * whatever its cause.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
