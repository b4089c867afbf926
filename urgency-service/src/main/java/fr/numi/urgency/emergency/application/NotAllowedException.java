package fr.numi.urgency.emergency.application;

/** The agent's level does not allow this (level 3 or supervisor only). */
public class NotAllowedException extends RuntimeException {

    public NotAllowedException(String message) {
        super(message);
    }
}
