package fr.numi.intake.delivery.application;

/**
 * A notification that cannot be delivered, for good: its FAILED status is published, and the binder
 * (configured not to retry this type) sends the record to the dead-letter topic with this message as
 * the reason ({@code x-exception-message}).
 */
public class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String reason) {
        super(reason);
    }
}
