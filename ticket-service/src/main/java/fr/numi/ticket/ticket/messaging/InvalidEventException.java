package fr.numi.ticket.ticket.messaging;

/** An incoming record that cannot be applied; after the binder's retries it lands on the dead-letter topic with this message. */
class InvalidEventException extends RuntimeException {

    InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
