package fr.numi.ticket.ticket.application;

import fr.numi.contracts.triage.Categories;
import fr.numi.ticket.ticket.domain.Agent;
import fr.numi.ticket.ticket.domain.SupportLevel;
import fr.numi.ticket.ticket.domain.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
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

    /** Served first: cyber, then higher priority, then the longest waiting ({@link QueuePlace#ORDER}). */
    static final Comparator<Ticket> QUEUE_ORDER = Comparator.comparing(QueuePlace::of, QueuePlace.ORDER);

    private final TicketStore store;
    private final TicketChanges changes;
    private final fr.numi.ticket.ticket.domain.SlaPolicy sla;
    private final Clock clock;

    public AgentDesk(TicketStore store, TicketChanges changes, fr.numi.ticket.ticket.domain.SlaPolicy sla, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.sla = sla;
        this.clock = clock;
    }

    /** The first {@code limit} tickets of a level's queue, in the order they are served, and how many are waiting in all. */
    public record Queue(List<Ticket> first, int waiting) {}

    /**
     * The head of a level's queue. The queue is ordered on its tickets' places (a few fields each); only the first
     * {@code limit} tickets are read whole: a queue thousands long during a scam wave stays quick to show.
     */
    public Queue queue(Agent agent, int level, int limit) {
        checkLevel(agent, level);
        List<QueuePlace> places = places(level);
        return new Queue(whole(places.stream().limit(limit).toList(), t -> Ticket.QUEUED.contains(t.status()) && level(t, level)),
                places.size());
    }

    private List<QueuePlace> places(int level) {
        return store.findQueuedPlaces(level).collectList().blockOptional(TicketChanges.STORE_TIMEOUT).orElse(List.of()).stream()
                .sorted(QueuePlace.ORDER)
                .toList();
    }

    /** The tickets of these places, in their order, those still matching {@code still} (one may have been claimed since). */
    private List<Ticket> whole(List<QueuePlace> places, Predicate<Ticket> still) {
        Map<String, Ticket> found = store.findAll(places.stream().map(QueuePlace::ticketId).toList())
                .collectMap(Ticket::id).blockOptional(TicketChanges.STORE_TIMEOUT).orElse(Map.of());
        return places.stream().map(p -> found.get(p.ticketId())).filter(t -> t != null && still.test(t)).toList();
    }

    /** Takes the first ticket of the level's queue. Two agents never get the same ticket. */
    public Optional<Ticket> claimNext(Agent agent, int level) {
        checkLevel(agent, level);
        for (QueuePlace candidate : places(level)) {
            Ticket claimed;
            try {
                claimed = changes.apply(candidate.ticketId(), false, ticket -> {
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

    /**
     * Corrects triage's decision on a ticket the agent may see (level, category, cyber tier). An agent
     * cannot send a ticket above their own level, except a supervisor.
     */
    public Ticket correctTriage(Agent agent, String ticketId, int level, String category, String cyberTier) {
        checkLevel(agent, level);
        if (category != null && !category.isBlank() && Categories.french().find(category).isEmpty()) {
            // A correction teaches triage: an id it does not know would be a category of one
            throw new IllegalArgumentException("category: « " + category + " » is none of the hotline's categories ("
                    + String.join(", ", Categories.french().all().stream().map(Categories.Category::id).toList()) + ")");
        }
        return act(agent, ticketId, (t, now) -> t.correctTriage(agent, level, category, cyberTier, now));
    }

    /** Tickets triage was not sure about, waiting for an agent to check them, up to the agent's level. */
    public List<Ticket> toReview(Agent agent) {
        List<Ticket> found = new java.util.ArrayList<>();
        for (int level = 1; level <= (agent.supervisor() ? 3 : agent.level()); level++) {
            int queued = level;
            found.addAll(whole(places(level).stream().filter(QueuePlace::needsReview).toList(),
                    t -> t.needsReview() && Ticket.QUEUED.contains(t.status()) && level(t, queued)));
        }
        found.sort(QUEUE_ORDER);
        return found;
    }

    /**
     * Merges {@code otherId} into {@code survivorId}: the same person wrote twice. The other ticket stops
     * (MERGED), its messages join the survivor; everything that still names it (its requests' events, the
     * person's conversation) goes to the survivor. Safe to repeat after a failure half-way.
     */
    public Ticket merge(Agent agent, String survivorId, String otherId) {
        if (survivorId.equals(otherId)) {
            throw new IllegalArgumentException("a ticket cannot be merged into itself");
        }
        Ticket survivor = ticket(agent, survivorId);
        Ticket other = ticket(agent, otherId);
        if (survivor.mergedInto() != null) {
            throw new fr.numi.ticket.ticket.domain.IllegalTransitionException("merge into", survivor.status());
        }
        Ticket merged = changes.apply(otherId, false, t -> t.mergeInto(survivorId, agent, clock.instant()));
        Ticket result = changes.apply(survivorId, false, t -> t.absorb(merged == null ? other : merged, agent, clock.instant()));
        store.replaceAlias(otherId, survivorId).block(TicketChanges.STORE_TIMEOUT);
        if (other.customerId() != null) {
            store.moveConversation(other.customerId(), otherId, survivorId).block(TicketChanges.STORE_TIMEOUT);
        }
        log.info("ticket={} merged into ticket={} by agent={}", otherId, survivorId, agent.id());
        return result;
    }

    /**
     * Takes one of the person's messages out of a ticket into a ticket of its own (its own reference,
     * given by intake when it came in), queued at {@code level}. Safe to repeat after a failure half-way.
     *
     * @return the new ticket
     */
    public Ticket split(Agent agent, String ticketId, String messageId, int level) {
        SupportLevel.check(level);
        checkLevel(agent, level);
        Ticket from = ticket(agent, ticketId);
        fr.numi.ticket.ticket.domain.TimelineEntry message = from.timeline().stream()
                .filter(e -> e.personMessage() && messageId.equals(e.id())).findFirst()
                .orElse(null);
        if (message == null) {
            throw new IllegalArgumentException("no message of the person with id " + messageId + " on this ticket");
        }
        String newId = message.requestRef();
        if (newId == null || newId.equals(ticketId)) {
            throw new IllegalArgumentException("the message that opened the ticket cannot be split out");
        }
        Ticket opened = changes.apply(newId, true, t -> t.openFromSplit(message, from, level, sla, agent, clock.instant()));
        store.deleteAlias(newId).block(TicketChanges.STORE_TIMEOUT);
        act(agent, ticketId, (t, now) -> {
            if (t.timeline().stream().anyMatch(e -> e.personMessage() && messageId.equals(e.id()))) {
                t.splitOut(messageId, agent, now);
            }
        });
        store.index(opened).block(TicketChanges.STORE_TIMEOUT);
        log.info("message of ticket={} split into ticket={} by agent={}", ticketId, newId, agent.id());
        return opened;
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
