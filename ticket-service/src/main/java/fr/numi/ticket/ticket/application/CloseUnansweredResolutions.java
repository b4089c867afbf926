package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the tickets nobody answered « Est-ce réglé ? » for within {@link Ticket#REOPEN_WINDOW} of their
 * resolution (which asks for the satisfaction survey). Every instance may run it: the state machine
 * closes a ticket once, the second instance finds it closed and changes nothing.
 */
@Component
public class CloseUnansweredResolutions {

    private static final Logger log = LoggerFactory.getLogger(CloseUnansweredResolutions.class);

    private final TicketStore store;
    private final TicketChanges changes;
    private final Clock clock;

    public CloseUnansweredResolutions(TicketStore store, TicketChanges changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    /** @return how many tickets were closed */
    public int run() {
        Instant now = clock.instant();
        int closed = 0;
        for (String ticketId : store.findResolvedBefore(now.minus(Ticket.REOPEN_WINDOW)).collectList()
                .blockOptional(Duration.ofMinutes(1)).orElse(java.util.List.of())) {
            try {
                Ticket ticket = changes.apply(ticketId, false, t -> t.closeIfUnanswered(clock.instant()));
                if (ticket != null && ticket.status() == fr.numi.ticket.ticket.domain.TicketStatus.CLOSED) {
                    closed++;
                }
            } catch (RuntimeException e) {
                log.warn("closing an unanswered resolution failed ticket={} cause={}", ticketId, e.toString());
            }
        }
        if (closed > 0) {
            log.info("closed {} resolved ticket(s) nobody answered within {}", closed, Ticket.REOPEN_WINDOW);
        }
        return closed;
    }

    @Scheduled(fixedDelayString = "${numi.ticket.close-unanswered-every:15m}", initialDelayString = "${numi.ticket.close-unanswered-every:15m}")
    void scheduled() {
        run();
    }
}
