package fr.numi.intake.request.application;

/** The same idempotency key came back with a different body: refused (409), nothing published. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
