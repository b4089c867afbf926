package fr.numi.urgency.emergency.application;

/** The urgency is being declared or revised right now; try again in a moment. */
public class UrgencyBusyException extends RuntimeException {

    public UrgencyBusyException(String message) {
        super(message);
    }
}
