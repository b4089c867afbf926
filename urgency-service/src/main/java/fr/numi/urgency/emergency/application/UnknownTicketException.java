package fr.numi.urgency.emergency.application;

/** No request for this ticket was seen on the intake topic: urgency-service cannot reach the person. */
public class UnknownTicketException extends RuntimeException {

    public UnknownTicketException(String message) {
        super(message);
    }
}
