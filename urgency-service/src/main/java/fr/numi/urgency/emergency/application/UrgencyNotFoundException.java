package fr.numi.urgency.emergency.application;

/** The ticket has no cyber urgency. */
public class UrgencyNotFoundException extends RuntimeException {

    public UrgencyNotFoundException(String message) {
        super(message);
    }
}
