package fr.numi.ticket.application;

import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TicketEvent;

/** Port: tells the rest of numi about a ticket change. Returns once the broker acknowledged, throws otherwise. */
public interface TicketEventPublisher {

    void publish(Ticket ticket, TicketEvent event);
}
