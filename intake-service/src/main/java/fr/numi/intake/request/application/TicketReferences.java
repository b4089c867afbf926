package fr.numi.intake.request.application;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.TicketIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ticket references that are never given twice. A reference has 40 bits: among a million requests two are likely to
 * draw the same one, and two people's tickets would merge. So each is reserved for its request in {@code tickets}
 * (check-and-insert on its unique {@code _id}) before anything is published under it; a reference another request holds
 * is drawn again ({@code numi_intake_ticket_reference_collisions_total}). Random references are drawn anew; references
 * derived from a gateway's id move to the next derived one, which every retry of that request computes alike.
 */
@Component
public class TicketReferences {

    /** Eight draws in a row all taken would mean the space is nearly full, not bad luck. */
    static final int ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(TicketReferences.class);

    private final PublishedTickets tickets;
    private final TicketIds ids;
    private final IntakeProperties properties;
    private final MeterRegistry metrics;
    private final Clock clock;

    public TicketReferences(PublishedTickets tickets, TicketIds ids, IntakeProperties properties, MeterRegistry metrics, Clock clock) {
        this.tickets = tickets;
        this.ids = ids;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A fresh random reference for a request that has no id of its own from the gateway. */
    public Mono<String> random(String requestId) {
        return reserve(requestId, attempt -> ids.newTicketId(), 0);
    }

    /** The reference derived from the request id, or the next derived one while others hold them. */
    public Mono<String> derived(String requestId) {
        return reserve(requestId, attempt -> DerivedIds.ticketId(properties.customerIdSecret(), requestId, attempt), 0);
    }

    private Mono<String> reserve(String requestId, IntFunction<String> candidates, int attempt) {
        if (attempt >= ATTEMPTS) {
            return Mono.error(new IllegalStateException("no free ticket reference after " + ATTEMPTS + " attempts"));
        }
        String ticketId = candidates.apply(attempt);
        return tickets.reserve(ticketId, requestId, clock.instant()).flatMap(ours -> {
            if (ours) {
                return Mono.just(ticketId);
            }
            metrics.counter("numi.intake.ticket.reference.collisions").increment();
            log.warn("ticket reference already taken, drawing another ticket={} attempt={}", ticketId, attempt + 1);
            return reserve(requestId, candidates, attempt + 1);
        });
    }
}
