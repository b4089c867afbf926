package fr.numi.ticket.ticket.application;

/** Someone else changed the ticket between our read and our write. */
public class ConcurrentTicketUpdateException extends RuntimeException {

    public ConcurrentTicketUpdateException(String ticketId, Throwable cause) {
        super("ticket " + ticketId + " was changed concurrently", cause);
    }
}
