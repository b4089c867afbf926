package fr.numi.ticket.ticket.application;

/** No such ticket, or one the agent may not see: the same answer for both, so levels don't leak. */
public class TicketNotFoundException extends RuntimeException {

    public TicketNotFoundException(String ticketId) {
        super("no ticket " + ticketId + " for this agent");
    }
}
