package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.TicketSighting;
import fr.numi.urgency.emergency.domain.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * urgency-service's own store (database {@code numi-urgency}). One urgency per ticket: the ticket id is
 * the unique key, so two triggers racing make one urgency. No transactions: every write is a single
 * document, conditional where it matters.
 */
public interface UrgencyStore {

    /** Inserts the urgency unless the ticket already has one; answers the existing one then, empty when inserted. */
    Optional<Urgency> insertIfAbsent(Urgency urgency);

    Optional<Urgency> find(String ticketId);

    /** Takes over an urgency stuck in DECLARING whose lease ran out; empty when none or someone else holds it. */
    Optional<Urgency> claimStalled(String ticketId, Instant now, Instant leaseUntil);

    /**
     * Takes an urgency awaiting its request, giving it the person's channel (one caller wins); empty when
     * none or already taken.
     */
    Optional<Urgency> claimAwaiting(String ticketId, Channel channel, Instant leaseUntil);

    /** Writes everything but the page (written by {@link #savePage}, possibly at the same time). */
    void save(Urgency urgency);

    /** Writes a revision only if the stored one is still {@code expectedRevision}. */
    boolean saveRevision(Urgency urgency, int expectedRevision);

    void savePage(String ticketId, Page page);

    /**
     * Takes the urgency's pending level-3 page for sending until {@code leaseUntil}, so that one instance sends it;
     * false when it is not pending or another instance holds it. A holder that dies leaves it to be taken again once
     * the lease ran out.
     */
    boolean claimPage(String ticketId, Instant now, Instant leaseUntil);

    /** Remembers a ticket seen on the intake topic (insert or update). */
    void recordSighting(TicketSighting sighting);

    Optional<TicketSighting> findSighting(String ticketId);

    /** Urgencies stuck in DECLARING with an expired lease. */
    List<Urgency> findStalled(Instant now);

    /** Declared urgencies whose page is still pending though declared before {@code declaredBefore}. */
    List<Urgency> findUnpaged(Instant declaredBefore);
}
