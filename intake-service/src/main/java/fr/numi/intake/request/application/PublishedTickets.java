package fr.numi.intake.request.application;

import reactor.core.publisher.Mono;

/**
 * Port: what intake published for each ticket (the hash of its tracking token, its customer and
 * channel), so that a rating can be checked against the token the person holds.
 */
public interface PublishedTickets {

    Mono<Void> remember(Ticket ticket);

    Mono<Ticket> find(String ticketId);

    record Ticket(String ticketId, String trackingTokenHash, String customerId, String channel) {}
}
