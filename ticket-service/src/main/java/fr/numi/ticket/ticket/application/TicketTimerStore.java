package fr.numi.ticket.ticket.application;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the moments a ticket needs looking at, kept in the database so that whichever instance is alive acts on them
 * (docs/adr/0007). Two kinds:
 * <ul>
 *   <li>{@link Kind#OUTBOX}: a change about to be saved whose events may not get published by the instance saving it
 *       (the broker refused them, the instance died). One per change, written before the ticket and removed by its
 *       writer once its events are published, so no writer ever removes another's;
 *   <li>{@link Kind#SLA}: the ticket's next first-response deadline, one per ticket. A writer only ever moves it
 *       earlier ({@link #slaDueNoLaterThan}); only the instance holding its lease moves it later, and only if nobody
 *       moved it meanwhile ({@link #settle}).
 * </ul>
 * Whoever acts on a due timer first claims it, and holds its ticket ({@link #holdTicket}): a lease until a moment,
 * atomically, so that one instance acts at a time, and another takes over when the lease runs out (its holder died).
 */
public interface TicketTimerStore {

    enum Kind {
        OUTBOX,
        SLA
    }

    /** A timer claimed by {@code owner} until the lease it was claimed with runs out. */
    record Claim(String id, String ticketId, Kind kind, long seq, String owner) {}

    /** Records that a change of the ticket is about to be saved; its events are to be published by {@code at}. */
    Mono<String> markPending(String ticketId, Instant at);

    /** The change's events are published: its timer goes. */
    Mono<Void> clearPending(String timerId);

    /** The change's events are not published yet: try again at {@code at}. */
    Mono<Void> retryPending(String timerId, Instant at);

    /** The ticket's first-response clock needs a look at {@code at} at the latest (an earlier timer stays). */
    Mono<Void> slaDueNoLaterThan(String ticketId, Instant at);

    /** Claims up to {@code max} timers due at {@code now} whose lease is free or ran out, each until {@code leaseUntil}. */
    Flux<Claim> claimDue(Instant now, Instant leaseUntil, String owner, int max);

    /**
     * Done with a claimed timer: it goes ({@code next} null) or is due again at {@code next}, its lease released. Only
     * if nobody moved it since it was claimed (a writer only moves it earlier): otherwise only the lease is released,
     * keeping the moment the writer set. Nothing when the lease ran out and another instance holds it.
     */
    Mono<Void> settle(Claim claim, Instant next);

    /**
     * Holds the ticket for one instance's relay until {@code leaseUntil}, so that two instances acting on two timers
     * of the same ticket do not publish its outbox at once; false when another instance holds it.
     */
    Mono<Boolean> holdTicket(String ticketId, Instant now, Instant leaseUntil, String owner);

    /** Lets go of a ticket held by {@code owner}. */
    Mono<Void> letGoTicket(String ticketId, String owner);

    /**
     * Gives the tickets stored before timers were kept in the database theirs: every open first-response clock (from
     * the ticket's own {@code slaDeadline}) and every outbox left unpublished, due at {@code now}. Once per database,
     * whichever instance comes first (two at once do the same, harmlessly).
     *
     * @return how many timers it set, or 0 when it was done already
     */
    Mono<Long> adoptExistingTickets(Instant now);
}
