package fr.numi.intake.request.application;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Port: what intake published for each request's ticket reference (the hash of its tracking token,
 * its customer, channel, request id and the contact it came with), so that what the person sends with
 * their tracking token (a rating, a reply, a verification code) is checked against it.
 */
public interface PublishedTickets {

    /**
     * Takes a ticket reference for a request, before anything is published under it: the reference's entry is created
     * with the request id unless it exists.
     *
     * @return true when the reference is this request's (taken now, or by an earlier delivery of the same request);
     *     false when another request holds it
     */
    Mono<Boolean> reserve(String ticketId, String requestId, Instant at);

    Mono<Void> remember(Ticket ticket);

    Mono<Ticket> find(String ticketId);

    /** The request whose tracking token has this SHA-256, if intake published it. */
    Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash);

    /** The contact of this reference is now proven (the person entered the code sent to it). */
    Mono<Void> markProven(String ticketId);

    /**
     * @param requestId the request's id (the tracking token is derived from it)
     * @param contact the contact the request came with
     * @param contactProven whether the gateway (or a code) proved it
     */
    record Ticket(String ticketId, String trackingTokenHash, String customerId, String channel, String requestId,
            fr.numi.intake.request.domain.Contact contact, boolean contactProven) {}
}
