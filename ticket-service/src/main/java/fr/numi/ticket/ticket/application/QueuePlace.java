package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.Urgency;
import java.time.Instant;
import java.util.Comparator;

/**
 * A queued ticket's place in its level's queue: only what orders the queue (and whether triage asks for a check), so that
 * a queue thousands long is ordered without reading its tickets whole.
 */
public record QueuePlace(String ticketId, boolean cyber, boolean cyberSuspected, Urgency urgency, Instant queuedAt, boolean needsReview) {

    /** Served first: cyber, then suspected cyber, then higher priority, then the longest waiting. */
    public static final Comparator<QueuePlace> ORDER = Comparator
            .comparing((QueuePlace p) -> !p.cyber())
            .thenComparing(p -> !p.cyberSuspected())
            .thenComparing(p -> -(p.urgency() == null ? 50 : p.urgency().priority()))
            .thenComparing(p -> p.queuedAt() == null ? Instant.MAX : p.queuedAt());

    public static QueuePlace of(Ticket t) {
        return new QueuePlace(t.id(), t.cyber(), t.cyberSuspected(), t.urgency(), t.queuedAt(), t.needsReview());
    }
}
