package fr.numi.intake.feedback.application;

/** No ticket with this reference and tracking token (404, with no hint of which one is wrong). */
public class UnknownTicketException extends RuntimeException {

    public UnknownTicketException() {
        super("unknown ticket or token", null, false, false);
    }
}
