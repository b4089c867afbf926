package fr.numi.intake.delivery.application;

/**
 * A notification that cannot be delivered, for good, on the attempt its record asked for (a provider's 4xx, no contact):
 * its FAILED status is published, and the binder (configured not to retry this type) sends the record to the dead-letter
 * topic with this message as the reason ({@code x-exception-message}). A transient failure never raises it: it is
 * retried later from MongoDB (ADR 8).
 */
public class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String reason) {
        super(reason);
    }
}
