package fr.numi.ticket.ticket.application;

/** Port: tells live views (the person's event stream) that a ticket changed. */
public interface TicketUpdates {

    void changed(String ticketId);
}
