package fr.numi.ticket.ticket.domain;

/** An action that the ticket's current status does not allow; carries that status for the 409 answer. */
public class IllegalTransitionException extends RuntimeException {

    private final TicketStatus current;
    private final String action;

    public IllegalTransitionException(String action, TicketStatus current) {
        super("cannot " + action + " a ticket that is " + current);
        this.action = action;
        this.current = current;
    }

    public TicketStatus current() {
        return current;
    }

    public String action() {
        return action;
    }
}
