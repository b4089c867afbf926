package fr.numi.ticket.support;

import fr.numi.ticket.ticket.application.TicketEventPublisher;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ticket-service's publisher (the real one, to the embedded broker) that a test can make fail the way it fails when
 * the broker does not acknowledge: the same exception {@code KafkaTicketEventPublisher} throws then. The broker stays
 * up for everything else the shared context does (the test's own records, the other inputs).
 */
public final class BrokerRefusals implements TicketEventPublisher {

    private final TicketEventPublisher kafka;
    private final AtomicBoolean refusing = new AtomicBoolean();

    BrokerRefusals(TicketEventPublisher kafka) {
        this.kafka = kafka;
    }

    /** From now on, no ticket event is acknowledged. */
    public void refuse() {
        refusing.set(true);
    }

    /** The broker acknowledges again. */
    public void accept() {
        refusing.set(false);
    }

    @Override
    public void publish(Ticket ticket, TicketEvent event) {
        publishAll(ticket, List.of(event));
    }

    @Override
    public void publishAll(Ticket ticket, List<TicketEvent> events) {
        if (refusing.get()) {
            throw new IllegalStateException("broker did not acknowledge the events of ticket " + ticket.id(),
                    new TimeoutException("no acknowledgement (test: broker refusing)"));
        }
        kafka.publishAll(ticket, events);
    }
}
