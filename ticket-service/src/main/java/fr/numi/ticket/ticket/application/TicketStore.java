package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
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

    /** Removes a ticket that never became visible (a decision whose request joined another ticket). */
    Mono<Void> delete(String ticketId, Long storeVersion);

    Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash);

    /**
     * The ticket that holds the person's conversation, claimed atomically across instances: the
     * candidate when nobody held it, else the holder (whatever its state: the caller decides whether
     * it still takes messages). Only proven contacts claim or join a conversation.
     */
    Mono<String> claimConversation(String customerId, String candidateTicketId);

    /** Hands the person's conversation from {@code expected} to {@code next}; false when someone else moved it first. */
    Mono<Boolean> moveConversation(String customerId, String expected, String next);

    /** The ticket holding the person's conversation, if any (read only). */
    Mono<String> conversationOf(String customerId);

    /**
     * Keeps the look-up of a ticket by tracking token to one read by key (the Mongo-wire server scans
     * for anything but {@code _id}). Written after the ticket itself; readers verify what they find, so
     * a stale or missing pointer only costs a slower look-up.
     */
    Mono<Void> index(Ticket ticket);

    /** The places of the tickets waiting on a level's queue, in no order: a few fields of each ticket, not the whole. */
    Flux<QueuePlace> findQueuedPlaces(int level);

    /** The tickets these ids name (those that exist), in no order. */
    Flux<Ticket> findAll(List<String> ticketIds);

    /** Tickets resolved before {@code before} and still waiting for « Est-ce réglé ? ». */
    Flux<String> findResolvedBefore(Instant before);

    /** A request reference that joined an existing ticket (conversation). */
    Mono<Void> saveAlias(String requestTicketId, String ticketId);

    Mono<String> findAlias(String requestTicketId);

    /** Points a reference at another ticket (a merge), replacing any alias it had. */
    Mono<Void> replaceAlias(String requestTicketId, String ticketId);

    /** A reference stops being an alias (its message was split out into its own ticket). */
    Mono<Void> deleteAlias(String requestTicketId);

    /** The tickets a person opened or wrote into (their customer id on the ticket or on one of its messages). */
    Flux<String> idsOfPerson(String customerId);

    /** Deletes the look-ups that lead from a person to tickets: their conversation pointer and these tracking tokens. */
    Mono<Long> forgetPerson(String customerId, List<String> trackingTokenHashes);

    record Stored(Ticket ticket, Long storeVersion) {}
}
