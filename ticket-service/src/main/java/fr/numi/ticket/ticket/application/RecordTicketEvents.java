package fr.numi.ticket.application;

import fr.numi.ticket.domain.RequestFacts;
import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TicketEvent;
import fr.numi.ticket.domain.TriageDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: apply what other services tell about a ticket. Each call reads the ticket, lets the
 * domain decide, writes it back only if nobody wrote in between (else retries on fresh data), then
 * publishes the events the change recorded and drops them from the outbox.
 *
 * <p>If publishing fails, the events stay in the outbox and the incoming message is retried by the
 * binder: the change is not applied twice (the event id is remembered) but the outbox is flushed.
 * Consumers downstream de-duplicate on the stable event ids.
 */
@Service
public class RecordTicketEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordTicketEvents.class);
    private static final int MAX_ATTEMPTS = 8;
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final TicketStore store;
    private final TicketEventPublisher publisher;
    private final Clock clock;

    public RecordTicketEvents(TicketStore store, TicketEventPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void requestReceived(String eventId, String ticketId, RequestFacts facts) {
        apply(ticketId, ticket -> ticket.receive(eventId, facts, clock.instant()));
    }

    public void requestTriaged(String eventId, String ticketId, TriageDecision decision) {
        apply(ticketId, ticket -> ticket.qualify(eventId, decision, clock.instant()));
    }

    private void apply(String ticketId, Predicate<Ticket> change) {
        ConcurrentTicketUpdateException lastConflict = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            TicketStore.Stored stored = store.load(ticketId).block(STORE_TIMEOUT);
            Ticket ticket = stored == null ? Ticket.open(ticketId) : stored.ticket();
            if (change.test(ticket)) {
                try {
                    store.save(ticket, stored == null ? null : stored.storeVersion()).block(STORE_TIMEOUT);
                } catch (ConcurrentTicketUpdateException conflict) {
                    lastConflict = conflict;
                    log.debug("ticket={} write conflict, attempt {}", ticketId, attempt);
                    continue;
                }
            }
            flush(ticket);
            return;
        }
        throw lastConflict;
    }

    private void flush(Ticket ticket) {
        List<TicketEvent> pending = ticket.outbox();
        if (pending.isEmpty()) {
            return;
        }
        for (TicketEvent event : pending) {
            publisher.publish(ticket, event);
        }
        store.markPublished(ticket.id(), pending.stream().map(TicketEvent::eventId).toList()).block(STORE_TIMEOUT);
        log.info("ticket={} status={} level={} published {} event(s)", ticket.id(), ticket.status(), ticket.level(), pending.size());
    }
}
