package fr.numi.ticket.application;

import fr.numi.ticket.domain.Ticket;
import java.util.List;
import reactor.core.publisher.Mono;

/** Port: where tickets live. Writes are conditional on the version read (optimistic locking). */
public interface TicketStore {

    /** The ticket and the store version it was read at; empty when there is no such ticket. */
    Mono<Stored> load(String ticketId);

    /**
     * Inserts ({@code storeVersion == null}) or replaces the ticket if nobody changed it since it was read.
     *
     * @return an error {@link ConcurrentTicketUpdateException} when someone else wrote first
     */
    Mono<Void> save(Ticket ticket, Long storeVersion);

    /** Drops published events from the ticket's outbox. */
    Mono<Void> markPublished(String ticketId, List<String> eventIds);

    Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash);

    record Stored(Ticket ticket, Long storeVersion) {}
}
