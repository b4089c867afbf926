package fr.numi.urgency.emergency.application;

/** The broker did not acknowledge the declared event: the urgency is stored and will be resumed. */
public class PublicationFailedException extends RuntimeException {

    public PublicationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
