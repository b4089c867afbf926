package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 * <p>The change is done once it is saved: what follows cannot undo it nor fail its caller (an agent's HTTP call
 * answers success, a consumed record is acknowledged). Before the save, the change leaves a timer
 * ({@link TicketTimerStore#markPending}): if its events are not published within {@code relay-after} (the broker
 * refused them, this instance died), the relay ({@link TicketTimers}, on any instance) publishes them; once they are
 * published, the timer goes. A change that moves the first-response deadline moves its timer earlier
 * ({@link TicketTimerStore#slaDueNoLaterThan}) after the save. See docs/adr/0007.
 *
 * <p>Changes to one ticket are serialised within an instance (striped locks). Whatever is found in an outbox on
 * reading was left by a failed publication and is published again. Every publisher publishes the whole outbox in
 * order and drops only what the broker acknowledged, so the first time each event reaches the topic is in the order
 * of the outbox; a second publication (two publishers at once) repeats an id downstream consumers recognise.
 */
@Component
public class TicketChanges {

    private static final Logger log = LoggerFactory.getLogger(TicketChanges.class);
    private static final int MAX_ATTEMPTS = 8;
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final TicketStore store;
    private final TicketEventPublisher publisher;
    private final TicketTimerStore timers;
    private final TicketUpdates updates;
    private final Clock clock;
    private final TimerSettings settings;
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    public TicketChanges(TicketStore store, TicketEventPublisher publisher, TicketTimerStore timers, TicketUpdates updates, Clock clock,
            TimerSettings settings) {
        this.store = store;
        this.publisher = publisher;
        this.timers = timers;
        this.updates = updates;
        this.clock = clock;
        this.settings = settings;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** A ticket after a change, and whether its outbox is empty (every event it held published). */
    public record Outcome(Ticket ticket, boolean published) {}

    /**
     * Applies {@code change} to the ticket (a new one when {@code create} and it does not exist).
     *
     * @return the ticket after the change, or null when it does not exist and {@code create} is false
     */
    public Ticket apply(String ticketId, boolean create, Predicate<Ticket> change) {
        Outcome outcome = applyAndPublish(ticketId, create, change);
        return outcome == null ? null : outcome.ticket();
    }

    /** As {@link #apply}, telling whether the ticket's events are all published; null when there is no such ticket. */
    public Outcome applyAndPublish(String ticketId, boolean create, Predicate<Ticket> change) {
        ReentrantLock lock = stripes[Math.floorMod(ticketId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return applyLocked(ticketId, create, change);
        } finally {
            lock.unlock();
        }
    }

    private Outcome applyLocked(String ticketId, boolean create, Predicate<Ticket> change) {
        ConcurrentTicketUpdateException lastConflict = null;
        String pending = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            TicketStore.Stored stored = store.load(ticketId).block(STORE_TIMEOUT);
            if (stored == null && !create) {
                return null;
            }
            Ticket ticket = stored == null ? Ticket.open(ticketId) : stored.ticket();
            int tokensBefore = ticket.trackingTokenHashes().size();
            Instant deadlineBefore = stored == null ? null : ticket.nextSlaDeadline();
            if (!change.test(ticket)) {
                // Nothing to save (or, after a conflict, nothing left to do): publish what the outbox may hold, and
                // drop the timer an earlier attempt left.
                return afterSave(ticket, pending, false, null);
            }
            if (pending == null) {
                pending = timers.markPending(ticketId, clock.instant().plus(settings.relayAfter())).block(STORE_TIMEOUT);
            }
            try {
                store.save(ticket, stored == null ? null : stored.storeVersion()).block(STORE_TIMEOUT);
            } catch (ConcurrentTicketUpdateException conflict) {
                lastConflict = conflict;
                log.debug("ticket={} write conflict, attempt {}", ticketId, attempt);
                continue;
            }
            Instant deadline = ticket.nextSlaDeadline();
            return afterSave(ticket, pending, ticket.trackingTokenHashes().size() != tokensBefore,
                    deadline != null && !deadline.equals(deadlineBefore) ? deadline : null);
        }
        throw lastConflict;
    }

    /**
     * Everything after the save is best effort, with the relay behind it: a failure here leaves the change's timer,
     * and the relay publishes what is left.
     */
    private Outcome afterSave(Ticket ticket, String pending, boolean reindex, Instant newDeadline) {
        boolean done = false;
        try {
            if (newDeadline != null) {
                timers.slaDueNoLaterThan(ticket.id(), newDeadline).block(STORE_TIMEOUT);
            }
            if (reindex) {
                store.index(ticket).block(STORE_TIMEOUT);
            }
            done = flush(ticket);
        } catch (RuntimeException e) {
            log.warn("ticket={} saved; what follows failed, the relay takes over: {}", ticket.id(), e.toString());
        }
        try {
            // Without a change of its own (pending null), what is left in the outbox has the timer of the change that
            // left it: it stays until the relay finds the outbox published.
            if (pending != null && done) {
                timers.clearPending(pending).block(STORE_TIMEOUT);
            } else if (pending != null) {
                timers.retryPending(pending, clock.instant().plus(settings.retryEvery())).block(STORE_TIMEOUT);
            }
        } catch (RuntimeException e) {
            // The change's timer stays as it was: due within relay-after.
            log.warn("ticket={} timer not updated: {}", ticket.id(), e.toString());
        }
        return new Outcome(ticket, done);
    }

    /** Publishes the outbox; false when the broker did not acknowledge it (the events stay, for the relay). */
    private boolean flush(Ticket ticket) {
        List<TicketEvent> outbox = ticket.outbox();
        if (outbox.isEmpty()) {
            return true;
        }
        try {
            publisher.publishAll(ticket, outbox);
        } catch (RuntimeException e) {
            log.warn("ticket={} {} event(s) saved, not published yet ({}); the relay publishes them", ticket.id(), outbox.size(),
                    Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
            return false;
        }
        store.markPublished(ticket.id(), outbox.stream().map(TicketEvent::eventId).toList()).block(STORE_TIMEOUT);
        updates.changed(ticket.id());
        log.info("ticket={} status={} level={} published {} event(s)", ticket.id(), ticket.status(), ticket.level(), outbox.size());
        return true;
    }
}
