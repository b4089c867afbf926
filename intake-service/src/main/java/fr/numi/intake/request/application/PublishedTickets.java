package fr.numi.intake.request.application;

import reactor.core.publisher.Mono;

/**
 * Port: what intake published for each request's ticket reference (the hash of its tracking token,
 * its customer, channel, request id and the contact it came with), so that what the person sends with
 * their tracking token (a rating, a reply, a verification code) is checked against it.
 */
public interface PublishedTickets {

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
