package fr.numi.contracts.cloudevents;

/**
 * A record that is not a usable event, with the reason naming the attribute or field at fault and never its value
 * (it may hold personal data). Thrown from a consumer function, it makes the binder retry, then dead-letter the record
 * with this message as {@code x-exception-message}.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
