package fr.numi.ticket.application;

import fr.numi.ticket.domain.Agent;
import fr.numi.ticket.domain.SupportLevel;
import fr.numi.ticket.domain.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use cases of the agents' desk: the level queues, claiming, answering, escalating, resolving.
 * Every access checks the object: an agent never reads nor acts on a ticket above their level (the
 * answer is "not found", whether the ticket exists or not).
 */
@Service
public class AgentDesk {

    private static final Logger log = LoggerFactory.getLogger(AgentDesk.class);

    /** Served first: cyber, then higher priority, then the longest waiting. */
    static final Comparator<Ticket> QUEUE_ORDER = Comparator
            .comparing((Ticket t) -> !t.cyber())
            .thenComparing(t -> -(t.urgency() == null ? 50 : t.urgency().priority()))
            .thenComparing(t -> t.queuedAt() == null ? Instant.MAX : t.queuedAt());

    private final TicketStore store;
    private final TicketChanges changes;
    private final Clock clock;

    public AgentDesk(TicketStore store, TicketChanges changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    public List<Ticket> queue(Agent agent, int level) {
        checkLevel(agent, level);
        return store.findQueued(level).collectList().blockOptional(TicketChanges.STORE_TIMEOUT).orElse(List.of()).stream()
                .sorted(QUEUE_ORDER)
                .toList();
    }

    /** Takes the first ticket of the level's queue. Two agents never get the same ticket. */
    public Optional<Ticket> claimNext(Agent agent, int level) {
        for (Ticket candidate : queue(agent, level)) {
            Ticket claimed;
            try {
                claimed = changes.apply(candidate.id(), false, ticket -> {
                    if (!Ticket.QUEUED.contains(ticket.status()) || !level(ticket, level)) {
                        throw new AlreadyTakenException();
                    }
                    ticket.claim(agent, clock.instant());
                    return true;
                });
            } catch (AlreadyTakenException taken) {
                continue;
            }
            if (claimed != null) {
                log.info("ticket={} claimed by agent={} level={}", claimed.id(), agent.id(), level);
                return Optional.of(claimed);
            }
        }
        return Optional.empty();
    }

    public Ticket ticket(Agent agent, String ticketId) {
        Ticket ticket = store.load(ticketId).blockOptional(TicketChanges.STORE_TIMEOUT).map(TicketStore.Stored::ticket)
                .filter(Ticket::isVisible)
                .orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (!agent.maySee(ticket)) {
            throw new TicketNotFoundException(ticketId);
        }
        return ticket;
    }

    public Ticket claim(Agent agent, String ticketId) {
        return act(agent, ticketId, (t, now) -> t.claim(agent, now));
    }

    public Ticket reply(Agent agent, String ticketId, String text) {
        return act(agent, ticketId, (t, now) -> t.reply(agent, text, now));
    }

    public Ticket note(Agent agent, String ticketId, String text) {
        return act(agent, ticketId, (t, now) -> t.addNote(agent, text, now));
    }

    public Ticket escalate(Agent agent, String ticketId, int toLevel, String reason) {
        SupportLevel.check(toLevel);
        return act(agent, ticketId, (t, now) -> t.escalate(agent, toLevel, reason, now));
    }

    public Ticket waitForPerson(Agent agent, String ticketId, String question) {
        return act(agent, ticketId, (t, now) -> t.waitForPerson(agent, question, now));
    }

    public Ticket resume(Agent agent, String ticketId) {
        return act(agent, ticketId, (t, now) -> t.resume(agent, now));
    }

    public Ticket resolve(Agent agent, String ticketId, String summary) {
        return act(agent, ticketId, (t, now) -> t.resolve(agent, summary, now));
    }

    public Ticket close(Agent agent, String ticketId) {
        return act(agent, ticketId, (t, now) -> t.close(agent, now));
    }

    public Ticket reopen(Agent agent, String ticketId, String reason) {
        return act(agent, ticketId, (t, now) -> t.reopen(agent, reason, now));
    }

    private Ticket act(Agent agent, String ticketId, BiConsumer<Ticket, Instant> action) {
        Ticket result = changes.apply(ticketId, false, ticket -> {
            if (!ticket.isVisible() || !agent.maySee(ticket)) {
                throw new TicketNotFoundException(ticketId);
            }
            action.accept(ticket, clock.instant());
            return true;
        });
        if (result == null) {
            throw new TicketNotFoundException(ticketId);
        }
        return result;
    }

    private static boolean level(Ticket ticket, int level) {
        return ticket.level() != null && ticket.level() == level;
    }

    private static void checkLevel(Agent agent, int level) {
        SupportLevel.check(level);
        if (!agent.supervisor() && level > agent.level()) {
            throw new LevelNotAllowedException(level, agent.level());
        }
    }

    /** The candidate was claimed (or moved) by someone else between the listing and the claim. */
    private static final class AlreadyTakenException extends RuntimeException {
        AlreadyTakenException() {
            super(null, null, false, false);
        }
    }
}
