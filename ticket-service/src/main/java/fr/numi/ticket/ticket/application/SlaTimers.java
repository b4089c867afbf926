package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires first-response warnings and breaches within a second of their moment. At start-up the open
 * clocks are read once; afterwards every ticket change reschedules its own deadline. Each tick looks
 * only at the earliest deadline (no sweep of the tickets).
 */
@Component
public class SlaTimers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);
    static final Duration TICK = Duration.ofMillis(250);

    private final SlaSchedule schedule;
    private final TicketChanges changes;
    private final TicketStore store;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public SlaTimers(SlaSchedule schedule, TicketChanges changes, TicketStore store, Clock clock) {
        this.schedule = schedule;
        this.changes = changes;
        this.store = store;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOpenClocks() {
        store.findSlaDeadlines().doOnNext(d -> schedule.schedule(d.ticketId(), d.at())).then().block(Duration.ofSeconds(30));
        log.info("sla: {} open first-response clock(s) scheduled", schedule.size());
    }

    /** Checks the tickets whose deadline has come; returns how many. */
    public int runDue() {
        int fired = 0;
        for (String ticketId : schedule.takeDue(clock.instant())) {
            try {
                Ticket ticket = changes.apply(ticketId, false, t -> t.checkSla(clock.instant()));
                if (ticket != null) {
                    schedule.schedule(ticketId, ticket.nextSlaDeadline());
                }
                fired++;
            } catch (RuntimeException e) {
                log.warn("sla check failed ticket={} cause={}; retrying", ticketId, e.toString());
                schedule.schedule(ticketId, clock.instant().plusSeconds(5));
            }
        }
        return fired;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sla-timers"));
        executor.scheduleWithFixedDelay(this::runDueQuietly, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runDueQuietly() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("sla tick failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
