package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;

/** Port: tells the rest of numi about a ticket change. Returns once the broker acknowledged, throws otherwise. */
public interface TicketEventPublisher {

    void publish(Ticket ticket, TicketEvent event);

    /** Publishes the events in order and returns once the broker acknowledged all of them. */
    default void publishAll(Ticket ticket, java.util.List<TicketEvent> events) {
        for (TicketEvent event : events) {
            publish(ticket, event);
        }
    }
}
