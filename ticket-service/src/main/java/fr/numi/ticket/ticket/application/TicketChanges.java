package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way a ticket changes: read it, let the domain decide, write it back only if nobody wrote in
 * between (else re-read and decide again), then publish the events the change recorded and drop them
 * from the outbox.
 *
 * <p>Changes to one ticket are serialised within an instance (striped locks), so an outbox is
 * flushed by the change that filled it and never published twice by two threads; whatever is found
 * in an outbox on reading was left by a failed flush and is published again.
 *
 * <p>If publishing fails, the events stay in the outbox and the cause is retried (the binder retries
 * the incoming record, an agent gets an error): the change is not applied twice (event ids are
 * remembered, agent actions are re-validated) and the outbox is flushed again. Downstream consumers
 * de-duplicate on the stable event ids.
 */
@Component
public class TicketChanges {

    private static final Logger log = LoggerFactory.getLogger(TicketChanges.class);
    private static final int MAX_ATTEMPTS = 8;
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final TicketStore store;
    private final TicketEventPublisher publisher;
    private final SlaSchedule slaSchedule;
    private final TicketUpdates updates;
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    public TicketChanges(TicketStore store, TicketEventPublisher publisher, SlaSchedule slaSchedule, TicketUpdates updates) {
        this.store = store;
        this.publisher = publisher;
        this.slaSchedule = slaSchedule;
        this.updates = updates;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Applies {@code change} to the ticket (a new one when {@code create} and it does not exist).
     *
     * @return the ticket after the change, or null when it does not exist and {@code create} is false
     */
    public Ticket apply(String ticketId, boolean create, Predicate<Ticket> change) {
        ReentrantLock lock = stripes[Math.floorMod(ticketId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return applyLocked(ticketId, create, change);
        } finally {
            lock.unlock();
        }
    }

    private Ticket applyLocked(String ticketId, boolean create, Predicate<Ticket> change) {
        ConcurrentTicketUpdateException lastConflict = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            TicketStore.Stored stored = store.load(ticketId).block(STORE_TIMEOUT);
            if (stored == null && !create) {
                return null;
            }
            Ticket ticket = stored == null ? Ticket.open(ticketId) : stored.ticket();
            int tokensBefore = ticket.trackingTokenHashes().size();
            if (change.test(ticket)) {
                try {
                    store.save(ticket, stored == null ? null : stored.storeVersion()).block(STORE_TIMEOUT);
                } catch (ConcurrentTicketUpdateException conflict) {
                    lastConflict = conflict;
                    log.debug("ticket={} write conflict, attempt {}", ticketId, attempt);
                    continue;
                }
                slaSchedule.schedule(ticket.id(), ticket.nextSlaDeadline());
                if (ticket.trackingTokenHashes().size() != tokensBefore) {
                    store.index(ticket).block(STORE_TIMEOUT);
                }
            }
            flush(ticket);
            return ticket;
        }
        throw lastConflict;
    }

    private void flush(Ticket ticket) {
        List<TicketEvent> pending = ticket.outbox();
        if (pending.isEmpty()) {
            return;
        }
        publisher.publishAll(ticket, pending);
        store.markPublished(ticket.id(), pending.stream().map(TicketEvent::eventId).toList()).block(STORE_TIMEOUT);
        updates.changed(ticket.id());
        log.info("ticket={} status={} level={} published {} event(s)", ticket.id(), ticket.status(), ticket.level(), pending.size());
    }
}
