package fr.numi.ticket.ticket.domain;

/** Only the agent who holds the ticket (or a supervisor) may answer, pause or resolve it. */
public class NotAssignedException extends RuntimeException {

    public NotAssignedException(String action, String assignee) {
        super("only the agent holding the ticket may " + action + " it" + (assignee == null ? " (nobody holds it: claim it first)" : ""));
    }
}
